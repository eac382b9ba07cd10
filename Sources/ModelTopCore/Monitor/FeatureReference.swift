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
    /// Categorical: reference counts per category.
    public let categories: [Value: Int]
    public let moments: Moments

    /// The reference made of `window` (which kept every value), out of `predictions`.
    public init(window: FeatureWindow, predictions: Int) {
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
            for x in sorted { bins[PopulationStability.bin(of: x, edges: edges)] += 1 }
            self.bins = bins
            categories = [:]
        case .categorical:
            categories = window.categoryCounts()
            count = categories.values.reduce(0, +)
            sorted = []
            edges = []
            bins = []
        }
    }

    /// How a pane of current values for this feature is configured.
    public func windowConfiguration(sampleLimit: Int?, maxCategories: Int, seed: UInt64) -> FeatureWindow.Configuration {
        FeatureWindow.Configuration(kind: kind, edges: kind == .numeric ? edges : nil, sampleLimit: sampleLimit,
                                    maxCategories: maxCategories, seed: seed)
    }
}
