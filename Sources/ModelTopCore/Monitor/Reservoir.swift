/// A uniform random sample of at most `limit` values from a stream (Vitter's algorithm R),
/// with a deterministic generator so a replay samples exactly what live traffic sampled.
/// With no limit it keeps every value.
public struct Reservoir: Sendable, Equatable {
    public let limit: Int?
    /// Values offered so far.
    public internal(set) var seen = 0
    /// The sample (all values while `seen <= limit`).
    public internal(set) var values: [Double] = []
    var random: SplitMix64

    public init(limit: Int?, seed: UInt64) {
        self.limit = limit
        self.random = SplitMix64(seed: seed)
    }

    /// How many stream values each kept value stands for.
    public var weight: Double { values.isEmpty ? 0 : Double(seen) / Double(values.count) }

    /// Offers one value.
    /// - Complexity: O(1).
    public mutating func update(_ value: Double) {
        seen += 1
        guard let limit, values.count >= limit else {
            values.append(value)
            return
        }
        // A uniform index in [0, seen) by multiply-shift (no division).
        let j = Int(random.next().multipliedFullWidth(by: UInt64(seen)).high)
        if j < limit { values[j] = value }
    }
}
