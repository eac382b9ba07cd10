/// One model version over a snapshot's window: its own counts, outcomes, latency, metrics and
/// drift against the model's reference, and (for every version but the baseline) its tests
/// against the baseline.
public struct VersionSnapshot: Sendable {
    public let version: Symbol
    /// The version's panes of the window merged.
    public let merged: ModelPane
    /// Its share of the window's predictions that named a version.
    public let share: Double
    public let features: [ModelSnapshot.Feature]
    public let predictionDrift: ModelSnapshot.Feature?
    /// Event time of the version's first event (its deploy, as far as the logs tell).
    public let firstSeen: Double?
    /// The tests against the baseline version (nil for the baseline itself).
    public internal(set) var vsBaseline: VersionComparison?

    public var predictions: Int { merged.predictions }

    /// The versions of `monitor` in the window whose panes merged into `merged`, most served
    /// first (ties: the one seen first). A model that served one version has it alone, with
    /// the model's figures.
    /// - Complexity: O(versions · features · (bins + categories)), plus KS as `ks` asks.
    /// `modelDrift`: the model's own drift, which a model with one version shares with it
    /// (not computed twice).
    static func all(_ monitor: ModelMonitor, merged: ModelPane, symbols: SymbolTable, ks: FeatureDrift.KSWork,
                    modelDrift: (features: [ModelSnapshot.Feature], prediction: ModelSnapshot.Feature?)) -> [VersionSnapshot] {
        var panes: [(Symbol, ModelPane)]
        if !merged.byVersion.isEmpty {
            panes = merged.byVersion.pairs.map { ($0.key, $0.value) }
        } else if merged.versions.count == 1 {
            let version = merged.versions.keys[0]
            return [VersionSnapshot(version: version, merged: merged, share: 1, features: modelDrift.features,
                                    predictionDrift: modelDrift.prediction, firstSeen: monitor.versionFirstSeen[version], vsBaseline: nil)]
        } else {
            return []
        }
        let order = Dictionary(uniqueKeysWithValues: monitor.statisticsVersions.enumerated().map { ($1, $0) })
        panes.sort { a, b in
            (a.1.predictions, -(order[a.0] ?? .max)) > (b.1.predictions, -(order[b.0] ?? .max))
        }
        let total = max(panes.reduce(0) { $0 + $1.1.predictions }, 1)
        return panes.map { version, pane in
            let drift = ModelSnapshot.drift(monitor, merged: pane, symbols: symbols, ks: ks)
            return VersionSnapshot(version: version, merged: pane, share: Double(pane.predictions) / Double(total),
                                   features: drift.features, predictionDrift: drift.prediction,
                                   firstSeen: monitor.versionFirstSeen[version], vsBaseline: nil)
        }
    }
}

/// A candidate version against the baseline version over the same window: the accuracy
/// difference (pooled two-proportion z-test, 95% Wald interval) for classifiers, the MAE
/// difference (Welch's t) for regressors, the prediction distributions compared (two-sample KS
/// for numbers, chi-square for categories), and the p99 latency ratio. Differences are
/// candidate − baseline.
public struct VersionComparison: Sendable {
    public let baseline: Symbol
    public let accuracy: TwoSampleTests.Difference?
    public let mae: TwoSampleTests.Difference?
    public let predictions: PredictionTest?
    /// Candidate p99 / baseline p99.
    public let p99Ratio: Double?

    /// The test of the two prediction distributions.
    public enum PredictionTest: Sendable, Equatable {
        case ks(statistic: Double, pValue: Double)
        case chiSquare(statistic: Double, pValue: Double, degreesOfFreedom: Int)

        public var pValue: Double {
            switch self {
            case .ks(_, let p), .chiSquare(_, let p, _): p
            }
        }
    }

    /// `exactCells` bounds the cost of the predictions' exact KS p-value (as
    /// ``KolmogorovSmirnov/init(sortedA:sortedB:weightsB:pValue:exactCells:)``; nil: scipy's).
    /// - Complexity: O(n log n) in the prediction samples, plus the KS p-value.
    public init(candidate: VersionSnapshot, baseline: VersionSnapshot, task: ModelTask?, exactCells: Int? = nil) {
        self.baseline = baseline.version
        let b = baseline.merged.outcomes, c = candidate.merged.outcomes
        if task == .regression {
            accuracy = nil
            mae = TwoSampleTests.welch(baseline: b.absoluteErrorMoments, candidate: c.absoluteErrorMoments)
        } else {
            accuracy = b.accuracy == nil || c.accuracy == nil ? nil
                : TwoSampleTests.proportions(baseline: (b.correct, b.joined), candidate: (c.correct, c.joined))
            mae = nil
        }
        predictions = Self.predictionTest(candidate.predictionDrift?.drift, baseline.predictionDrift?.drift,
                                          candidate: candidate.merged, baseline: baseline.merged, exactCells: exactCells)
        if let p = candidate.merged.latency.quantile(0.99), let q = baseline.merged.latency.quantile(0.99), q > 0 {
            p99Ratio = p / q
        } else {
            p99Ratio = nil
        }
    }

    private static func predictionTest(_ c: FeatureDrift?, _ b: FeatureDrift?, candidate: ModelPane, baseline: ModelPane,
                                       exactCells: Int?) -> PredictionTest?
    {
        guard let kind = b?.kind ?? c?.kind else { return nil }
        // The same variable on both sides: scores when the baseline's drift used them.
        let usesScore = baseline.scores != nil && candidate.scores != nil
        guard let bw = baseline.predictionWindow(usesScore: usesScore), let cw = candidate.predictionWindow(usesScore: usesScore)
        else { return nil }
        switch kind {
        case .numeric:
            let bs = bw.sortedSample(), cs = cw.sortedSample()
            // Weights of the baseline's sample (merged reservoirs in `watch`) are not used.
            guard let ks = KolmogorovSmirnov(sortedA: bs.values, sortedB: cs.values, weightsB: cs.weights, exactCells: exactCells)
            else { return nil }
            return .ks(statistic: ks.statistic, pValue: ks.pvalue)
        case .categorical:
            let bc = bw.categoryCounts(), cc = cw.categoryCounts()
            let keys = Array(Set(bc.keys).union(cc.keys))
            guard let chi = ChiSquare(reference: keys.map { bc[$0] ?? 0 }, current: keys.map { cc[$0] ?? 0 }) else { return nil }
            return .chiSquare(statistic: chi.statistic, pValue: chi.pvalue, degreesOfFreedom: chi.degreesOfFreedom)
        }
    }
}
