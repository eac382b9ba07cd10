/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny deterministic 64-bit generator.
///
/// Used where a sample must come out the same on every run, so that a replay samples exactly
/// what live traffic sampled (``Reservoir``), and by tests and benchmarks for repeatable data.
public struct SplitMix64: Sendable, Equatable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return Mixer.mix(state)
    }
}
