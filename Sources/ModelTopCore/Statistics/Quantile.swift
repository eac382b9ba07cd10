/// Sample quantiles computed as numpy's default (`method="linear"`, Hyndman & Fan type 7).
public enum Quantile {
    /// The `q` quantile of `sorted` (ascending, not empty), bit for bit as `numpy.quantile`:
    /// the virtual index is `(n - 1) * q`, and the two neighbours are blended with numpy's
    /// `_lerp` (from the upper neighbour when the weight is at least one half).
    /// - Complexity: O(1).
    public static func linear(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty sample")
        let n = sorted.count
        let virtual = Double(n - 1) * q
        if virtual >= Double(n - 1) { return sorted[n - 1] }
        if virtual < 0 { return sorted[0] }
        let lower = virtual.rounded(.down)
        let i = Int(lower)
        let t = virtual - lower
        let a = sorted[i], b = sorted[i + 1]
        let difference = b - a
        // Past ±9e307 the difference overflows (numpy gives inf): blend the halves instead.
        guard difference.isFinite else { return a * (1 - t) + b * t }
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
