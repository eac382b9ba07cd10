/// A feature's (or the prediction's) current window compared with its reference.
public struct FeatureDrift: Sendable {
    public let kind: FeatureKind
    /// Nil when either side has no values.
    public let psi: Double?
    /// Numeric only; nil when either side has no values.
    public let ks: KolmogorovSmirnov?
    /// Categorical only; nil when either side has no values.
    public let chiSquare: ChiSquare?
    /// Share of the window's predictions without a value; nil with no predictions.
    public let missingRate: Double?
    public let referenceCount: Int
    public let currentCount: Int
    /// Values of the wrong kind in the window (strings or bools in a numeric feature): left
    /// out of the statistics, counted here.
    public let mismatched: Int
    /// True when categories past the cap were counted together as "(other)" (on either side).
    public let capped: Bool
    public let currentMoments: Moments
    /// Shares per bin (numeric) or category, reference and current, for histograms.
    public let bins: [(label: BinLabel, reference: Double, current: Double)]

    /// What a histogram bar stands for.
    public enum BinLabel: Sendable, Equatable {
        /// Values in (lower, upper]; infinite at the open ends.
        case range(lower: Double, upper: Double)
        case category(Value)
    }

    /// How much of the KS test to compute.
    public enum KSWork: Sendable {
        /// None (it sorts the window's sample): enough for PSI and severities.
        case none
        /// D only, for heatmap cells.
        case statistic
        /// D and the p-value (whose exact form costs up to O(n·m)).
        case test
        /// D and the p-value, exact only while it costs at most
        /// ``KolmogorovSmirnov/boundedExactCells`` (else asymptotic): for live reports, which
        /// test every feature on every line and scrape.
        case boundedTest
    }

    /// Compares `window`, a window of `predictions` predictions (those whose features were
    /// kept), with `reference` (nil for a feature absent from the reference).
    /// - Complexity: O(n log n) in the window's sample for KS D, more for its exact p-value;
    ///   O(bins + categories) otherwise.
    public init(window: FeatureWindow, predictions: Int, reference: FeatureReference?, ks work: KSWork = .test) {
        let computeKS = work != .none
        let currentPresent = window.present
        missingRate = predictions > 0 ? Double(predictions - currentPresent) / Double(predictions) : nil
        currentMoments = window.moments
        referenceCount = reference?.count ?? 0
        let hasCategories = !window.categories.isEmpty || window.mismatched > 0
        kind = reference?.kind ?? window.configuration.kind ?? FeatureKind(allNumbers: !hasCategories)
        // In a window that did not know the kind yet (exact mode), non-numbers were counted as
        // categories: for a numeric feature they are mismatched too.
        mismatched = kind == .numeric ? window.mismatched + (window.configuration.kind == nil ? window.categories.total : 0) : 0
        switch kind {
        case .numeric:
            let needsSample = computeKS || window.bins.count != (reference?.edges.count ?? 0) + 1
            let sample = needsSample ? window.sortedSample() : (values: [], weights: nil)
            currentCount = window.numbers
            let edges = reference?.edges ?? []
            var current = window.bins
            if current.count != edges.count + 1 {
                // Bins were not counted on arrival (exact mode): count the kept values.
                current = [Int](repeating: 0, count: edges.count + 1)
                let binEdges = BinEdges(edges)
                for x in sample.values { current[binEdges.bin(of: x)] += 1 }
            }
            let referenceBins = reference?.bins ?? [Int](repeating: 0, count: current.count)
            psi = PopulationStability.index(reference: referenceBins, current: current)
            if computeKS, let reference, !reference.sorted.isEmpty, !sample.values.isEmpty {
                ks = KolmogorovSmirnov(sortedA: reference.sorted, sortedB: sample.values, weightsB: sample.weights,
                                       pValue: work != .statistic,
                                       exactCells: work == .boundedTest ? KolmogorovSmirnov.boundedExactCells : nil)
            } else {
                ks = nil
            }
            chiSquare = nil
            capped = false
            bins = Self.shares(reference: referenceBins, current: current).enumerated().map { i, s in
                (.range(lower: i == 0 ? -.infinity : edges[i - 1], upper: i == edges.count ? .infinity : edges[i]),
                 s.0, s.1)
            }
        case .categorical:
            var counts = window.categoryCounts()
            if let reference, reference.capped {
                // Both sides capped alike: categories the reference did not keep are "(other)".
                var mapped: [Value: Int] = [:]
                for (value, n) in counts {
                    let keep = value == FeatureWindow.otherCategory || reference.kept.contains(CategoryCounts.key(value))
                    mapped[keep ? value : FeatureWindow.otherCategory, default: 0] += n
                }
                counts = mapped
            }
            capped = (reference?.capped ?? false) || counts[FeatureWindow.otherCategory] != nil
            currentCount = counts.values.reduce(0, +)
            let referenceCounts = reference?.categories ?? [:]
            let keys = Array(Set(referenceCounts.keys).union(counts.keys)).sorted(by: Self.categoryOrder(referenceCounts, counts))
            let r = keys.map { referenceCounts[$0] ?? 0 }, c = keys.map { counts[$0] ?? 0 }
            psi = PopulationStability.index(reference: r, current: c)
            chiSquare = ChiSquare(reference: r, current: c)
            ks = nil
            bins = zip(keys, Self.shares(reference: r, current: c)).map { (.category($0), $1.0, $1.1) }
        }
    }

    private static func shares(reference: [Int], current: [Int]) -> [(Double, Double)] {
        let rt = Double(max(reference.reduce(0, +), 1)), ct = Double(max(current.reduce(0, +), 1))
        return zip(reference, current).map { (Double($0) / rt, Double($1) / ct) }
    }

    /// Categories by reference count, then current count, both descending, then by value, so
    /// sums run in a fixed order.
    private static func categoryOrder(_ r: [Value: Int], _ c: [Value: Int]) -> (Value, Value) -> Bool {
        { a, b in
            let ka = (r[a] ?? 0, c[a] ?? 0), kb = (r[b] ?? 0, c[b] ?? 0)
            if ka != kb { return ka > kb }
            return a.sortKey < b.sortKey
        }
    }
}

extension Value {
    /// A total order for display and deterministic sums: null, bools, numbers, strings by symbol.
    var sortKey: (Int, Double) {
        switch self {
        case .null: (0, 0)
        case .bool(let b): (1, b ? 1 : 0)
        case .number(let x): (2, x)
        case .string(let s): (3, Double(s.rawValue))
        }
    }
}
