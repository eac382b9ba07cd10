#if canImport(Glibc)
import Glibc
#endif

/// A log-linear histogram of latencies (HdrHistogram's idea): 256 buckets per power of two, so
/// a reported quantile is within 0.2% of the true value, from microseconds to hours, in
/// memory proportional to the number of distinct buckets used.
public struct LatencyHistogram: Sendable, Equatable {
    public static func == (a: LatencyHistogram, b: LatencyHistogram) -> Bool {
        a.count == b.count && a.maximum == b.maximum && a.buckets.sorted.elementsEqual(b.buckets.sorted) { $0 == $1 }
    }

    /// Sub-buckets per power of two.
    static let subBuckets = 256
    var buckets = BucketCounts(capacity: 64)
    /// Values recorded.
    public internal(set) var count = 0
    /// Their sum (negative values and NaN count as 0).
    public internal(set) var sum = 0.0
    public internal(set) var maximum = -Double.infinity

    public init() {}

    /// Records one value (negative values and NaN count as 0).
    /// - Complexity: O(1) expected.
    public mutating func update(_ value: Double) {
        buckets.add(Int(Self.bucket(of: value)))
        count += 1
        if value > 0, value.isFinite { sum += value }
        if value > maximum { maximum = value }
    }

    /// - Complexity: O(buckets of `other`).
    public mutating func merge(_ other: LatencyHistogram) {
        // (Building `entries` for this was 8% of the presenter's time after a change.)
        other.buckets.forEach { bucket, n in buckets.add(bucket, n) }
        count += other.count
        sum += other.sum
        maximum = max(maximum, other.maximum)
    }

    /// The nearest-rank `q` quantile (the smallest value with at least `q·count` values at or
    /// below it), as its bucket's midpoint: within 0.2% relative. Nil when empty.
    /// - Complexity: O(b log b) for b distinct buckets.
    public func quantile(_ q: Double) -> Double? {
        quantiles([q])[0]
    }

    /// The quantiles `qs` (in ascending order), each as ``quantile(_:)`` gives it, from one
    /// sort of the buckets (a report's p50, p95 and p99). Nils when empty.
    /// - Complexity: O(b log b + qs) for b distinct buckets.
    public func quantiles(_ qs: [Double]) -> [Double?] {
        guard count > 0 else { return qs.map { _ in nil } }
        let sorted = buckets.sorted
        var values: [Double?] = []
        values.reserveCapacity(qs.count)
        var seen = 0, i = 0
        for q in qs {
            let rank = max(1, Int((q * Double(count)).rounded(.up)))
            while i < sorted.count && seen + sorted[i].count < rank {
                seen += sorted[i].count
                i += 1
            }
            values.append(Self.midpoint(of: Int32(sorted[min(i, sorted.count - 1)].bucket)))
        }
        return values
    }

    /// Values recorded at or below each of `bounds` (ascending), for a cumulative histogram
    /// with these bucket bounds: a value in the same log bucket as a bound counts as below it
    /// (within 0.4%).
    /// - Complexity: O(b log b + bounds) for b distinct buckets.
    public func cumulativeCounts(atOrBelow bounds: [Double]) -> [Int] {
        let sorted = buckets.sorted
        var counts: [Int] = []
        var seen = 0
        var i = 0
        for bound in bounds {
            let limit = Int(Self.bucket(of: bound))
            while i < sorted.count, sorted[i].bucket <= limit {
                seen += sorted[i].count
                i += 1
            }
            counts.append(seen)
        }
        return counts
    }

    static func bucket(of value: Double) -> Int32 {
        guard value > 0, value.isFinite else { return 0 }
        // A normal number is 1.f · 2^e: frexp's exponent is e + 1 and its sub-bucket the top 8
        // bits of f, read from the bits (the same buckets as frexp, without the call).
        let biased = Int32(truncatingIfNeeded: value.bitPattern >> 52)
        if biased > 0 {
            let sub = Int32(truncatingIfNeeded: (value.bitPattern >> 44) & 0xff)
            return (biased - 1023 + 1 + 1100) * Int32(subBuckets) + sub + 1
        }
        var exponent: Int32 = 0
        let mantissa = frexp(value, &exponent)  // value = mantissa * 2^exponent, mantissa in [0.5, 1)
        let sub = Int32((mantissa - 0.5) * 2 * Double(subBuckets))
        return (exponent + 1100) * Int32(subBuckets) + sub + 1
    }

    static func midpoint(of bucket: Int32) -> Double {
        guard bucket > 0 else { return 0 }
        let b = bucket - 1
        let exponent = b / Int32(subBuckets) - 1100
        let sub = Double(b % Int32(subBuckets))
        let mantissa = 0.5 + (sub + 0.5) / Double(2 * subBuckets)
        return scalbn(mantissa, Int(exponent))
    }
}
