/// Count, mean and variance of a stream (Welford's update, Chan's merge), with min and max.
///
/// Values up to the largest doubles never overflow: the running mean and sum of squares are
/// kept in units of a power of two at least as large as every value seen (`scale`; at most
/// 2^1023, the largest power of two, beside which every double is within ±2), which is exact,
/// so for values within ±1 the arithmetic is bit for bit the plain one, and for others it is
/// the plain one times a power of two.
public struct Moments: Sendable, Equatable {
    public internal(set) var count = 0
    /// Mean and sum of squared deviations, divided by `scale` and `scale²`.
    var scaledMean = 0.0
    var scaledM2 = 0.0
    var scale = 1.0 { didSet { inverseScale = 1 / scale } }
    /// `1 / scale`, exact (a power of two): multiplying by it rounds as dividing by `scale`
    /// does, without a division per value.
    private var inverseScale = 1.0
    public internal(set) var minimum = Double.infinity
    public internal(set) var maximum = -Double.infinity

    public init() {}

    /// The mean (0 when empty).
    public var mean: Double { scaledMean * scale }

    /// Population standard deviation (numpy's default, ddof = 0); nil when empty.
    public var standardDeviation: Double? {
        count > 0 ? (scaledM2 / Double(count)).squareRoot() * scale : nil
    }

    /// The root mean square, sqrt(mean² + variance); nil when empty.
    public var rootMeanSquare: Double? {
        count > 0 ? (scaledMean * scaledMean + scaledM2 / Double(count)).squareRoot() * scale : nil
    }

    /// The power of two at least as large as `|x|` (1 for |x| <= 1), at most 2^1023 (2^1024 is
    /// infinite).
    @inline(__always)
    private static func scale(for x: Double) -> Double {
        let a = abs(x)
        guard a > 1, a.isFinite else { return 1 }
        return Double(sign: .plus, exponent: min(a.exponent + 1, Double.greatestFiniteMagnitude.exponent), significand: 1)
    }

    /// Expresses the sums in units of `newScale` (a larger power of two): exact.
    private mutating func rescale(to newScale: Double) {
        let ratio = scale / newScale
        scaledMean *= ratio
        scaledM2 *= ratio * ratio
        scale = newScale
    }

    /// - Complexity: O(1).
    public mutating func update(_ x: Double) {
        if abs(x) > scale, x.isFinite { rescale(to: Self.scale(for: x)) }
        count += 1
        let y = x * inverseScale
        let delta = y - scaledMean
        scaledMean += delta / Double(count)
        scaledM2 += delta * (y - scaledMean)
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
        var other = other
        if other.scale > scale { rescale(to: other.scale) } else if scale > other.scale { other.rescale(to: scale) }
        let total = Double(count + other.count)
        let delta = other.scaledMean - scaledMean
        scaledMean += delta * Double(other.count) / total
        scaledM2 += other.scaledM2 + delta * delta * Double(count) * Double(other.count) / total
        count += other.count
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }
}
