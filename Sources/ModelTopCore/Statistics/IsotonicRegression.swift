/// Isotonic (non-decreasing) regression by pool-adjacent-violators, with
/// `scikit-learn`'s `IsotonicRegression(out_of_bounds="clip")` semantics: equal x values are
/// pooled first (weighted mean of y), the fit keeps the first and last point of each constant
/// run, and a prediction interpolates linearly between the kept points, clipped at the ends.
public struct IsotonicRegression: Sendable, Equatable {
    /// The kept points, x increasing.
    public let x: [Double]
    public let y: [Double]

    /// Fits `y` on `x` with `weights` (all 1 when nil). Nil when there are no points.
    /// - Complexity: O(n log n) for the sort, O(n) for the pooling.
    public init?(x: [Double], y: [Double], weights: [Double]? = nil) {
        self.init(x: x, y: y, weights: weights, order: Self.order(of: x))
    }

    /// The indices of `x` by increasing value, equal values by index (-0 equal to +0): the
    /// order a fit takes its points in, and what a stable sort of the indices by value gives.
    /// For values that are not NaN.
    ///
    /// Each (value, index) pair is sorted as one 128-bit integer (the value's order-keeping bit
    /// pattern above the index): comparisons read integers in place instead of two values
    /// through their indices.
    /// - Complexity: O(n log n).
    static func order(of x: [Double]) -> [Int] {
        // `+ 0` turns -0 into +0, which compares equal to it.
        var pairs = x.indices.map { UInt128(RadixSort.key(x[$0] + 0)) << 64 | UInt128($0) }
        pairs.sort()
        return pairs.map { Int(truncatingIfNeeded: $0) }
    }

    /// Fits the points of `order` alone, which must list them as ``order(of:)`` would (x
    /// increasing, equal x by index): any subsequence of `order(of: x)` is such a list, so fits
    /// to many subsets of the same points share one sort. Nil when `order` is empty.
    /// - Complexity: O(order.count).
    init?(x: [Double], y: [Double], weights: [Double]?, order: [Int]) {
        precondition(x.count == y.count && (weights?.count ?? x.count) == x.count, "arrays of different lengths")
        guard !order.isEmpty else { return nil }
        // Equal x values pooled (in index order: the rounding of their mean depends on it).
        var ux: [Double] = [], uy: [Double] = [], uw: [Double] = []
        ux.reserveCapacity(order.count); uy.reserveCapacity(order.count); uw.reserveCapacity(order.count)
        for i in order {
            let w = weights?[i] ?? 1
            if let last = ux.last, last == x[i] {
                let total = uw[uw.count - 1] + w
                uy[uy.count - 1] += (y[i] - uy[uy.count - 1]) * w / total
                uw[uw.count - 1] = total
            } else {
                ux.append(x[i]); uy.append(y[i]); uw.append(w)
            }
        }
        // Pool adjacent violators: blocks of (weighted mean, weight, first index).
        var means: [Double] = [], blockWeights: [Double] = [], starts: [Int] = []
        for i in ux.indices {
            var mean = uy[i], weight = uw[i], start = i
            while let last = means.last, last >= mean {
                let total = blockWeights[blockWeights.count - 1] + weight
                mean = (last * blockWeights[blockWeights.count - 1] + mean * weight) / total
                weight = total
                start = starts[starts.count - 1]
                means.removeLast(); blockWeights.removeLast(); starts.removeLast()
            }
            means.append(mean); blockWeights.append(weight); starts.append(start)
        }
        // The first and last x of each block (one point for a block of one x).
        var keptX: [Double] = [], keptY: [Double] = []
        for (b, start) in starts.enumerated() {
            let end = b + 1 < starts.count ? starts[b + 1] - 1 : ux.count - 1
            keptX.append(ux[start]); keptY.append(means[b])
            if end > start { keptX.append(ux[end]); keptY.append(means[b]) }
        }
        self.x = keptX
        self.y = keptY
    }

    /// The fitted value at `value`: linear between kept points, the end values beyond them.
    /// - Complexity: O(log points).
    public func callAsFunction(_ value: Double) -> Double {
        if value <= x[0] { return y[0] }
        if value >= x[x.count - 1] { return y[y.count - 1] }
        let high = x.countAtOrBelow(value), low = high - 1  // x[low] <= value < x[high]
        let span = x[high] - x[low]
        return span > 0 ? y[low] + (y[high] - y[low]) * (value - x[low]) / span : y[high]
    }
}
