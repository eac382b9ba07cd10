/// The one 64-bit mixer of modeltop: SplitMix64's finalizer (Stafford's "Mix13"), which turns
/// any 64-bit value into one whose every bit depends on every input bit.
///
/// Hash tables index by its low bits (``HashSlots``, ``ByteStringIndex``), join keys are made
/// with it (``JoinKey``), and ``SplitMix64`` draws its numbers through it.
public enum Mixer {
    /// `x` mixed.
    /// - Complexity: O(1): two multiplications.
    @inlinable @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Two words mixed into one (order matters).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a &* 0x9e37_79b9_7f4a_7c15 ^ b)
    }
}
