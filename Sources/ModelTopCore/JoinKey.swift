/// The identity of a prediction `id`, for joining a later label: a 64-bit hash of the id's type
/// and content.
///
/// Numbers compare numerically (`1` and `1.0` join), strings exactly, and a number never joins a
/// string (`1` and `"1"` differ). Two different ids collide with probability about 2^-64 per
/// pair: with a million pending predictions, about one chance in 10^7.
public struct JoinKey: Hashable, Sendable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The key of a numeric id.
    public init(number: Double) {
        let canonical = number == 0 ? 0.0 : number  // -0 joins 0
        self.init(rawValue: Mixer.mix(canonical.bitPattern ^ 0x6e75_6d62_6572_0000))
    }

    /// The key of a string id.
    public init(bytes: UnsafeRawBufferPointer) {
        self.init(rawValue: ByteStringIndex.hash(bytes) ^ 0x7374_7269_6e67_0000)
    }

    /// The key of a string id.
    public init(string: String) {
        var copy = string
        self = copy.withUTF8 { JoinKey(bytes: UnsafeRawBufferPointer($0)) }
    }
}
