/// The first 16 bytes of a string and its length, read as two words from a buffer that stays
/// readable for 16 bytes past the string (simdjson's string buffer is padded so).
///
/// Two short strings are equal exactly when their values are; longer strings compare equal
/// when they share length and first 16 bytes, so callers check the rest themselves. Reading
/// whole words avoids the byte loops (and their mispredicted exits) that short keys cost.
public struct ShortString: Hashable, Sendable {
    /// Bytes held.
    public static let capacity = 16

    @usableFromInline var first: UInt64
    @usableFromInline var second: UInt64
    /// The string's full length (which may exceed ``capacity``).
    public var count: Int

    /// Reads `count` bytes at `base`; the 16 bytes from `base` must be readable.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public init(padded base: UnsafeRawPointer, count: Int) {
        let first = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        let second = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let mask0: UInt64 = count >= 8 ? ~0 : (1 &<< UInt64(8 * count)) &- 1
        let mask1: UInt64 = count >= 16 ? ~0 : count <= 8 ? 0 : (1 &<< UInt64(8 * (count - 8))) &- 1
        self.first = first & mask0
        self.second = second & mask1
        self.count = count
    }

    /// An empty string (length 0).
    public init() {
        first = 0
        second = 0
        count = 0
    }

    /// A well-mixed 64-bit hash, for direct-mapped tables.
    @inlinable @inline(__always)
    public var mixed: UInt64 {
        Mixer.combine(first ^ UInt64(truncatingIfNeeded: count), second)
    }
}
