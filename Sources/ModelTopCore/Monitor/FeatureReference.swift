/// A feature's reference distribution, fixed once the reference is complete.
public struct FeatureReference: Sendable {
    public let kind: FeatureKind
    /// Non-null values in the reference.
    public let count: Int
    /// Share of reference predictions without a value.
    public let missingRate: Double?
    /// Numeric: all reference values, sorted (for KS and the drill-down CDF).
    public let sorted: [Double]
    /// Numeric: PSI bin edges (reference deciles).
    public let edges: [Double]
    /// Numeric: reference counts per bin.
    public let bins: [Int]
    /// Categorical: reference counts per kept category; the categories past the cap, if any,
    /// counted together under ``FeatureWindow/otherCategory``.
    public let categories: [Value: Int]
    /// Categorical: the kept categories' keys (see ``CategoryCounts/key(_:)``); when ``capped``,
    /// windows count exactly these one by one and the rest as "(other)", as the reference does.
    public let kept: Set<UInt64>
    /// True when the reference had more distinct categories than the cap.
    public let capped: Bool
    public let moments: Moments

    /// The reference made of `window` (which kept every value), out of `predictions`; at most
    /// `maxCategories` categories are kept, the most frequent (ties: by value), the rest
    /// counted together.
    public init(window: FeatureWindow, predictions: Int, maxCategories: Int) {
        let hasCategories = !window.categories.isEmpty || window.mismatched > 0
        kind = window.configuration.kind ?? FeatureKind(allNumbers: !hasCategories)
        moments = window.moments
        let present = window.present
        missingRate = predictions > 0 ? Double(predictions - present) / Double(predictions) : nil
        switch kind {
        case .numeric:
            sorted = window.sortedSample().values
            count = sorted.count
            edges = sorted.isEmpty ? [] : PopulationStability.edges(sortedReference: sorted)
            var bins = [Int](repeating: 0, count: edges.count + 1)
            let binEdges = BinEdges(edges)
            for x in sorted { bins[binEdges.bin(of: x)] += 1 }
            self.bins = bins
            categories = [:]
            kept = []
            capped = false
        case .categorical:
            let all = window.categoryCounts()
            count = all.values.reduce(0, +)
            let ordered = all.sorted { a, b in a.value != b.value ? a.value > b.value : a.key.sortKey < b.key.sortKey }
            let keep = ordered.prefix(max(maxCategories, 1))
            var categories = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            let rest = ordered.dropFirst(keep.count).reduce(0) { $0 + $1.value }
            if rest > 0 { categories[FeatureWindow.otherCategory, default: 0] += rest }
            self.categories = categories
            kept = Set(categories.keys.filter { $0 != FeatureWindow.otherCategory }.map(CategoryCounts.key))
            capped = ordered.count > keep.count
            sorted = []
            edges = []
            bins = []
        }
    }

    /// How a pane of current values for this feature is configured.
    public func windowConfiguration(sampleLimit: Int?, maxCategories: Int, seed: UInt64) -> FeatureWindow.Configuration {
        FeatureWindow.Configuration(kind: kind, edges: kind == .numeric ? edges : nil, sampleLimit: sampleLimit,
                                    maxCategories: maxCategories, seed: seed, keptCategories: capped ? kept : nil)
    }
}
