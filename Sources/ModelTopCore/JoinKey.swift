/// The identity of a prediction `id`, for joining a later label: 64 bits made of the id's type
/// and content.
///
/// Integers compare exactly: the key of a non-negative integer is a bijection of its 64 bits
/// (snowflake ids above 2^53 never collide), and an integral double joins the integer it equals
/// (`1` and `1.0` join). Other numbers compare numerically, strings exactly (by a 64-bit hash),
/// and a number never joins a string (`1` and `"1"` differ). Collisions: a negative integer `n`
/// shares its key with `n + 2^63` only; two different strings or fractional numbers collide with
/// probability about 2^-64 per pair.
public struct JoinKey: Hashable, Sendable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    private static let unsignedTag: UInt64 = 0x6e75_6d62_6572_0000
    /// Differs from `unsignedTag` in the top bit only: negative integers (top bit set) map to
    /// keys no other negative integer has.
    private static let signedTag: UInt64 = unsignedTag ^ (1 << 63)
    private static let fractionTag: UInt64 = 0x6672_6163_7469_6f6e
    private static let stringTag: UInt64 = 0x7374_7269_6e67_0000

    /// The key of an integer id.
    public init(integer: Int64) {
        if integer >= 0 {
            self.init(unsigned: UInt64(integer))
        } else {
            self.init(rawValue: Mixer.mix(UInt64(bitPattern: integer) ^ Self.signedTag))
        }
    }

    /// The key of a non-negative integer id.
    public init(unsigned: UInt64) {
        self.init(rawValue: Mixer.mix(unsigned ^ Self.unsignedTag))
    }

    /// The key of a numeric id: an integral value is the integer it equals.
    public init(number: Double) {
        if number == number.rounded(.towardZero) {
            if number >= -0x1p63 && number < 0x1p63 {
                self.init(integer: Int64(number))  // -0 joins 0
                return
            }
            if number >= 0 && number < 0x1p64 {
                self.init(unsigned: UInt64(number))
                return
            }
        }
        self.init(rawValue: Mixer.mix(number.bitPattern ^ Self.fractionTag))
    }

    /// The key of a string id.
    public init(bytes: UnsafeRawBufferPointer) {
        self.init(rawValue: ByteStringIndex.hash(bytes) ^ Self.stringTag)
    }

    /// The key of a string id.
    public init(string: String) {
        var copy = string
        self = copy.withUTF8 { JoinKey(bytes: UnsafeRawBufferPointer($0)) }
    }
}
