/// Count, mean and variance of a stream (Welford's update, Chan's merge), with min and max.
public struct Moments: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity

    public init() {}

    /// Population standard deviation (numpy's default, ddof = 0); nil when empty.
    public var standardDeviation: Double? {
        count > 0 ? (m2 / Double(count)).squareRoot() : nil
    }

    /// - Complexity: O(1).
    public mutating func update(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        minimum = min(minimum, x)
        maximum = max(maximum, x)
    }

    /// - Complexity: O(1).
    public mutating func merge(_ other: Moments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / total
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / total
        count += other.count
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }
}
