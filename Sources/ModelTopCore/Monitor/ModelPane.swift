/// Everything a model did in one pane of event time, or in a window of merged panes.
public struct ModelPane: Sendable {
    /// Changes applied to this pane (for caches of derived values).
    public internal(set) var version = 0
    public var predictions = 0
    /// Predictions whose features and values were kept for drift (not part of the reference):
    /// what missing rates are shares of.
    public var featurePredictions = 0
    /// Label events received (joined or not).
    public var labelEvents = 0
    public var outcomes: Outcomes
    /// The expected confusion matrix from calibrated scores (binary classifiers, once the
    /// reference's labels gave a calibration).
    public var estimated = EstimatedOutcomes()
    public var latency = LatencyHistogram()
    /// Metric samples by metric name (`latency_ms` samples also go to `latency`).
    public var metrics = SmallMap<Symbol, Moments>()
    /// Feature values by the model's feature slot.
    public var features: [FeatureWindow?] = []
    /// The prediction's values, and the scores, for prediction drift.
    public var predictionValues: FeatureWindow?
    public var scores: FeatureWindow?
    public var nodes = SmallMap<Symbol, NodePane>()
    /// Predictions per model version.
    public var versions = SmallMap<Symbol, Int>()
    /// The same figures per model version (predictions with a version: counts, outcomes,
    /// latency, metrics, feature and prediction values; no nodes), once the model has served
    /// two versions; empty before. At most ``ModelMonitor/versionStatisticsLimit`` versions,
    /// later ones together under "(other versions)".
    public var byVersion = SmallMap<Symbol, ModelPane>()
    /// Drift per feature slot and of the prediction (slot -1), computed when the pane left the
    /// current window; its KS samples are then dropped to bound memory.
    public private(set) var sealed: [Int: SlotDrift]?

    /// PSI and KS D of one feature slot in one pane.
    public struct SlotDrift: Sendable, Equatable {
        public var psi: Double?
        /// Nil when not computed, or not numeric.
        public var ks: Double?
        /// Values the pane held (fewer than `min_samples` are not judged).
        public var count: Int

        public init(psi: Double?, ks: Double?, count: Int) {
            self.psi = psi
            self.ks = ks
            self.count = count
        }
    }

    public init(sampleLimit: Int?, seed: UInt64, classLimit: Int = 1000) {
        outcomes = Outcomes(sampleLimit: sampleLimit, seed: seed, classLimit: classLimit)
    }

    /// Adds `other` (a later or earlier pane) into this one.
    /// - Complexity: O(features · (bins + categories)).
    public mutating func merge(_ other: ModelPane) {
        mergeCounts(other)
        outcomes.merge(other.outcomes)
        if features.count < other.features.count { features += Array(repeating: nil, count: other.features.count - features.count) }
        // Each window passed to `merge` is still copied (a retain of each of its arrays, 7% of
        // the presenter's time after a change): a window is 392 bytes, passed by address, and
        // the compiler copies an array element rather than lend it while `features` changes.
        for (slot, window) in other.features.enumerated() {
            guard let window else { continue }
            if features[slot] == nil { features[slot] = window } else { features[slot]!.merge(window) }
        }
        Self.merge(&predictionValues, other.predictionValues)
        Self.merge(&scores, other.scores)
        for (version, pane) in other.byVersion.pairs {
            if let i = byVersion.index(of: version) { byVersion.values[i].merge(pane) } else { byVersion[version, default: pane] = pane }
        }
    }

    /// Adds `other`'s counts, CBPE sums, latency, metrics, nodes and version counts (what
    /// ``merge(_:)`` and a summary's absorb share).
    mutating func mergeCounts(_ other: ModelPane) {
        predictions += other.predictions
        featurePredictions += other.featurePredictions
        labelEvents += other.labelEvents
        estimated.merge(other.estimated)
        latency.merge(other.latency)
        // By index: `pairs` built an array of copies.
        for i in other.metrics.keys.indices { metrics[other.metrics.keys[i], default: Moments()].merge(other.metrics.values[i]) }
        for i in other.nodes.keys.indices { nodes[other.nodes.keys[i], default: NodePane()].merge(other.nodes.values[i]) }
        for i in other.versions.keys.indices { versions[other.versions.keys[i], default: 0] += other.versions.values[i] }
    }

    /// The versions served, most predictions first (ties: the one seen first).
    public var versionsByCount: [Symbol] {
        versions.pairs.enumerated().sorted { ($0.element.value, -$0.offset) > ($1.element.value, -$1.offset) }
            .map(\.element.key)
    }

    private static func merge(_ a: inout FeatureWindow?, _ b: FeatureWindow?) {
        guard let b else { return }
        if a == nil { a = b } else { a!.merge(b) }
    }

    /// The window of the prediction-drift variable: scores when the reference has them.
    public func predictionWindow(usesScore: Bool) -> FeatureWindow? {
        usesScore ? scores : predictionValues
    }

    /// Forgets the feature and prediction values (after a re-baseline their bins no longer
    /// match the reference).
    mutating func clearDrift() {
        features = []
        predictionValues = nil
        scores = nil
        sealed = nil
        version += 1
        for i in byVersion.values.indices { byVersion.values[i].clearDrift() }
    }

    /// This pane's drift per feature slot with a reference, and of the prediction (slot -1).
    /// - Parameters:
    ///   - references: the reference of each feature slot.
    ///   - prediction: the reference of the prediction-drift variable.
    ///   - ks: `.none` for PSI only, `.statistic` for KS D too.
    /// - Complexity: O(slots · bins), plus sorting each slot's sample for KS D.
    public func drift(references: [FeatureReference?], prediction: FeatureReference?, usesScore: Bool,
                      ks: FeatureDrift.KSWork) -> [Int: SlotDrift] {
        var result: [Int: SlotDrift] = [:]
        for (slot, window) in features.enumerated() {
            guard let window, slot < references.count, let reference = references[slot] else { continue }
            let drift = FeatureDrift(window: window, predictions: featurePredictions, reference: reference, ks: ks)
            result[slot] = SlotDrift(psi: drift.psi, ks: drift.ks?.statistic, count: drift.currentCount)
        }
        if let prediction, let window = predictionWindow(usesScore: usesScore) {
            let drift = FeatureDrift(window: window, predictions: featurePredictions, reference: prediction, ks: ks)
            result[-1] = SlotDrift(psi: drift.psi, ks: drift.ks?.statistic, count: drift.currentCount)
        }
        return result
    }

    /// Computes and keeps this pane's drift per feature, then drops its samples.
    mutating func seal(references: [FeatureReference?], prediction: FeatureReference?, usesScore: Bool) {
        guard sealed == nil else { return }
        version += 1
        sealed = drift(references: references, prediction: prediction, usesScore: usesScore, ks: .statistic)
        dropSamples()
    }

    /// Computes a sealed pane's drift again after a merged summary added to it: PSI and counts
    /// from its bins (exact: all values so far), KS D from the values that came after sealing
    /// (the earlier ones' sample was dropped), else the one kept.
    mutating func reseal(references: [FeatureReference?], prediction: FeatureReference?, usesScore: Bool) {
        guard let old = sealed else { return }
        sealed = nil
        seal(references: references, prediction: prediction, usesScore: usesScore)
        for (slot, drift) in sealed ?? [:] where drift.ks == nil { sealed![slot]!.ks = old[slot]?.ks }
    }

    /// Drops the KS samples, also of the per-version figures (after sealing).
    private mutating func dropSamples() {
        for i in features.indices { features[i]?.dropSamples() }
        predictionValues?.dropSamples()
        scores?.dropSamples()
        for i in byVersion.values.indices { byVersion.values[i].dropSamples() }
    }
}
