/// A model's numbers over a window of panes, compared with its reference: what reports print
/// and the dashboard shows. Computed on demand from a ``ModelMonitor``.
public struct ModelSnapshot: Sendable {
    /// One feature (or the prediction) in the window.
    public struct Feature: Sendable {
        public var name: Symbol
        public var drift: FeatureDrift
    }

    /// One serving node in the window.
    public struct Node: Sendable {
        public var name: Symbol
        public var pane: NodePane
        /// The node's last event time over the model's life.
        public var lastSeen: Double

        public init(name: Symbol, pane: NodePane, lastSeen: Double) {
            self.name = name
            self.pane = pane
            self.lastSeen = lastSeen
        }
    }

    /// Something to say about the snapshot that is not a finding.
    public enum Notice: Sendable, Equatable {
        /// The stream reference took every prediction: nothing is left to compare with it.
        case referenceIsWholeInput(predictions: Int)
    }

    public let model: Symbol
    public let window: ClosedRange<Int>
    /// Seconds of event time the window covers (for rates).
    public private(set) var seconds: Double
    /// The window's panes merged.
    public let merged: ModelPane
    public let reference: ModelReference?
    public let referenceOutcomes: Outcomes
    /// The score calibration behind ``estimated`` (nil: no estimate for this model yet).
    public let calibration: ScoreCalibration?
    public let features: [Feature]
    /// Drift of the score (or the prediction); nil with no predictions.
    public let predictionDrift: Feature?
    public let nodes: [Node]
    public let totals: ModelMonitor.Totals
    /// The model's task (nil before any prediction or label).
    public let task: ModelTask?
    /// Predictions evicted without a label (too old for the label TTL, or over capacity).
    public let expiredPredictions: Int
    /// Label events that matched no prediction within the bounds.
    public let unmatchedLabels: Int
    /// Predictions still waiting for a label (at the end of a report: never labelled in it).
    public let pendingPredictions: Int
    /// Labels still waiting for their prediction.
    public let pendingLabels: Int
    /// Judged, or why not yet.
    public let status: ModelStatus
    /// Why the severity is what it is, most serious first.
    public let findings: [Finding]
    public let notices: [Notice]
    /// Per version (when asked for), most served first; each but the baseline with its tests
    /// against the baseline.
    public let versions: [VersionSnapshot]
    /// The version the others are compared with: the one asked for if served in the window,
    /// else the most served (ties: the one seen first).
    public let baselineVersion: Symbol?

    /// The snapshot of `monitor` over the panes in `window`; `ks` says how much of the KS tests
    /// to compute (the severity needs none); `versions` adds the per-version figures and tests
    /// (against `baselineVersion` when the model served it), whose KS test of the predictions
    /// is exact as scipy's only with `.test` (else bounded, as for a live view). `now` (the
    /// fleet's event-time clock) ends the span rates are computed over, so a window that has
    /// only just started is not diluted.
    /// `merged` is `monitor.merged(window)` when the caller has it (``WindowMergeCache``).
    /// - Complexity: O(panes · features · (bins + categories)) plus KS on the window's samples.
    public init(_ monitor: ModelMonitor, window: ClosedRange<Int>, symbols: SymbolTable, now: Double? = nil,
                ks: FeatureDrift.KSWork = .test, versions: Bool = false, baselineVersion: Symbol? = nil,
                merged: ModelPane? = nil) {
        model = monitor.name
        self.window = window
        let configuration = monitor.configuration
        let lifetime = monitor.totals  // computed (merged summaries are summed in): read once
        let merged = merged ?? monitor.merged(window)
        self.merged = merged
        seconds = Self.seconds(window: window, paneSeconds: configuration.paneSeconds, lifetime: lifetime, now: now)
        reference = monitor.reference
        referenceOutcomes = monitor.referenceOutcomes
        calibration = monitor.calibration
        task = monitor.task
        let drift = Self.drift(monitor, merged: merged, symbols: symbols, ks: ks)
        features = drift.features
        predictionDrift = drift.prediction
        let predictions = merged.featurePredictions
        nodes = merged.nodes.pairs.map { Node(name: $0.key, pane: $0.value, lastSeen: monitor.nodeLastSeen[$0.key] ?? -.infinity) }
            .sorted { symbols.name($0.name) < symbols.name($1.name) }
        totals = lifetime
        let join = monitor.joinCounts
        expiredPredictions = join.expired
        unmatchedLabels = join.unmatched
        pendingPredictions = join.pendingPredictions
        pendingLabels = join.pendingLabels
        let judgement = Self.judge(
            features: features, prediction: predictionDrift, outcomes: merged.outcomes, reference: referenceOutcomes,
            estimated: merged.estimated, task: task, latency: merged.latency, errorRate: merged.metrics[symbols.intern("error_rate")],
            thresholds: configuration.thresholds)
        findings = judgement.findings
        if monitor.reference == nil {
            status = .collecting(have: lifetime.predictions, need: configuration.referenceSize)
        } else if judgement.judged {
            status = .judged(findings.first?.severity ?? .ok)
        } else {
            status = .insufficient(have: predictions, need: configuration.thresholds.minimumSamples)
        }
        notices = monitor.referenceIsWholeInput ? [.referenceIsWholeInput(predictions: lifetime.predictions)] : []
        var versions = versions
            ? VersionSnapshot.all(monitor, merged: merged, symbols: symbols, ks: ks, modelDrift: (features, predictionDrift)) : []
        // The baseline: the one asked for if the model served it, else the most served.
        let baseline = versions.firstIndex { $0.version == baselineVersion } ?? (versions.isEmpty ? nil : 0)
        if let baseline {
            for i in versions.indices where i != baseline {
                versions[i].vsBaseline = VersionComparison(candidate: versions[i], baseline: versions[baseline], task: task,
                                                           exactCells: ks == .test ? nil : KolmogorovSmirnov.boundedExactCells)
            }
        }
        self.versions = versions
        self.baselineVersion = baseline.map { versions[$0].version }
    }

    /// Seconds of event time `window` covers for rates: up to `now` (the window's end when nil),
    /// from the model's first event if later than the window's start; with endless panes, the
    /// model's whole life.
    static func seconds(window: ClosedRange<Int>, paneSeconds: Double, lifetime: ModelMonitor.Totals, now: Double?) -> Double {
        if paneSeconds.isInfinite { return max(lifetime.lastEventTime - lifetime.firstEventTime, 0) }
        guard let now else { return Double(window.count) * paneSeconds }
        let start = max(Double(window.lowerBound) * paneSeconds, lifetime.firstEventTime)
        let end = min(now, Double(window.upperBound + 1) * paneSeconds)
        return max(end - start, 0)
    }

    /// This snapshot with its rates over the span ending at `now`: the same as computing it
    /// again at `now` from the same model (nothing else in it depends on the clock).
    /// - Complexity: O(1).
    func retimed(now: Double?, paneSeconds: Double) -> ModelSnapshot {
        var snapshot = self
        snapshot.seconds = Self.seconds(window: window, paneSeconds: paneSeconds, lifetime: totals, now: now)
        return snapshot
    }

    /// The drift of every feature (the reference's too, sorted by name) and of the prediction
    /// in `merged` (a window of the model, or of one of its versions) against the reference.
    /// - Complexity: O(features · (bins + categories)), plus KS as `ks` asks (in parallel).
    static func drift(_ monitor: ModelMonitor, merged: ModelPane, symbols: SymbolTable, ks: FeatureDrift.KSWork)
        -> (features: [Feature], prediction: Feature?)
    {
        let references = monitor.references
        let empty = FeatureWindow(configuration: .init(kind: nil, edges: nil, sampleLimit: nil, maxCategories: .max, seed: 0))
        let predictions = merged.featurePredictions
        let inputs = monitor.featureNames.enumerated().map { slot, name in
            (name, slot < merged.features.count ? merged.features[slot] ?? empty : empty, references[slot])
        }
        var features = inputs.parallelMap { name, window, reference in
            Feature(name: name, drift: FeatureDrift(window: window, predictions: predictions, reference: reference,
                                                    ks: ks))
        }
        // Features of the reference that never appeared in the stream.
        let seen = Set(monitor.featureNames)
        for (name, reference) in monitor.reference?.features ?? [:] where !seen.contains(name) {
            let empty = FeatureWindow(configuration: reference.windowConfiguration(sampleLimit: nil, maxCategories: .max, seed: 0))
            features.append(Feature(name: name, drift: FeatureDrift(window: empty, predictions: predictions, reference: reference)))
        }
        features.sort { symbols.name($0.name) < symbols.name($1.name) }
        let usesScore = monitor.reference?.usesScore ?? (merged.scores != nil)
        let referencePrediction = monitor.reference?.prediction
        guard let window = merged.predictionWindow(usesScore: usesScore)
            ?? referencePrediction.map({ FeatureWindow(configuration: $0.windowConfiguration(sampleLimit: nil, maxCategories: .max, seed: 0)) })
        else { return (features, nil) }
        let prediction = Feature(name: symbols.intern(usesScore ? "score" : "prediction"),
                                 drift: FeatureDrift(window: window, predictions: predictions, reference: referencePrediction, ks: ks))
        return (features, prediction)
    }

    /// The severity (ok while not judged).
    public var severity: Severity { status.severity }

    /// The estimated performance over the window (binary classifiers with a calibration and
    /// estimated predictions in the window).
    public var estimated: EstimatedOutcomes? {
        calibration != nil && task == .binary && merged.estimated.count > 0 ? merged.estimated : nil
    }

    /// True when the realized accuracy (on at least `min_samples` labels) lies outside the
    /// estimate's 95% band, widened by the realized accuracy's own sampling spread (it covers
    /// the labelled predictions only): the estimate's assumptions (calibrated scores, no
    /// concept drift) do not hold.
    public func estimateDisagrees(minimumSamples: Int) -> Bool {
        guard let e = estimated, let estimate = e.accuracy, let se = e.accuracyStandardError,
            let realized = merged.outcomes.accuracy, merged.outcomes.joined >= minimumSamples
        else { return false }
        let n = Double(merged.outcomes.joined)
        let spread = (se * se + realized * (1 - realized) / n).squareRoot()
        return abs(realized - estimate) > 1.96 * spread
    }

    /// Accuracy of the window, for classifiers.
    public var accuracy: Double? { task == .regression ? nil : merged.outcomes.accuracy }
    public var referenceAccuracy: Double? { task == .regression ? nil : referenceOutcomes.accuracy }

    /// The accuracy a summary row shows (the fleet row, the report's table), so that it agrees
    /// with the status beside it: the realized one once `minimum` labels joined in the window,
    /// else the estimate from calibrated scores (`estimated` true), else whatever was realized.
    /// Nil for regressors.
    public func headlineAccuracy(minimumLabels minimum: Int) -> (value: Double?, estimated: Bool) {
        guard task != .regression else { return (nil, false) }
        if merged.outcomes.joined < minimum, let estimate = estimated?.accuracy { return (estimate, true) }
        return (accuracy, false)
    }

    /// Predictions per second over the window.
    public var throughput: Double? { seconds > 0 ? Double(merged.predictions) / seconds : nil }

    /// The feature (or prediction) with the largest PSI.
    public var worstFeature: Feature? {
        (features + (predictionDrift.map { [$0] } ?? [])).filter { $0.drift.psi != nil }
            .max { $0.drift.psi! < $1.drift.psi! }
    }

    /// Mean of the window's samples of metric `name`.
    public func metricMean(_ name: Symbol) -> Double? {
        merged.metrics[name].flatMap { $0.count > 0 ? $0.mean : nil }
    }

    /// The findings, most serious first (by severity, then by how far past the threshold), and
    /// whether anything had enough values to be judged at all.
    static func judge(
        features: [Feature], prediction: Feature?, outcomes: Outcomes, reference: Outcomes, estimated: EstimatedOutcomes,
        task: ModelTask?,
        latency: LatencyHistogram, errorRate: Moments?, thresholds: AlertThresholds
    ) -> (findings: [Finding], judged: Bool) {
        let minimum = thresholds.minimumSamples
        var judged = false
        var findings: [(Severity, Double, Reason)] = []
        for feature in features + (prediction.map { [$0] } ?? []) {
            let d = feature.drift
            guard let psi = d.psi, d.currentCount >= minimum, d.referenceCount >= minimum else { continue }
            judged = true
            let level = AlertThresholds.level(psi, warn: thresholds.psiWarn, alert: thresholds.psiAlert)
            if level > .ok { findings.append((level, psi, .drift(feature: feature.name, psi: psi))) }
        }
        if task != .regression, let accuracy = outcomes.accuracy, let baseline = reference.accuracy,
            outcomes.joined >= minimum, reference.joined >= minimum
        {
            judged = true
            let drop = baseline - accuracy
            let level = AlertThresholds.level(drop, warn: thresholds.accuracyDropWarn, alert: thresholds.accuracyDropAlert)
            if level > .ok { findings.append((level, drop, .accuracyDrop(accuracy: accuracy, reference: baseline))) }
        } else if thresholds.estimatedAccuracy, task == .binary, outcomes.joined < minimum, estimated.count >= minimum,
            let accuracy = estimated.accuracy, let baseline = reference.accuracy, reference.joined >= minimum
        {
            // Too few labels yet: the estimate from calibrated scores stands in, and says so.
            judged = true
            let drop = baseline - accuracy
            let level = AlertThresholds.level(drop, warn: thresholds.accuracyDropWarn, alert: thresholds.accuracyDropAlert)
            if level > .ok { findings.append((level, drop, .estimatedAccuracyDrop(accuracy: accuracy, reference: baseline))) }
        }
        if thresholds.p99LatencyWarn != nil || thresholds.p99LatencyAlert != nil, latency.count >= minimum,
            let p99 = latency.quantile(0.99)
        {
            judged = true
            let level = AlertThresholds.level(p99, warn: thresholds.p99LatencyWarn, alert: thresholds.p99LatencyAlert)
            let threshold = level == .alert ? thresholds.p99LatencyAlert : thresholds.p99LatencyWarn
            if level > .ok, let threshold { findings.append((level, p99 / threshold, .latency(p99: p99, threshold: threshold))) }
        }
        if thresholds.errorRateWarn != nil || thresholds.errorRateAlert != nil, let errorRate, errorRate.count > 0 {
            judged = true
            let rate = errorRate.mean
            let level = AlertThresholds.level(rate, warn: thresholds.errorRateWarn, alert: thresholds.errorRateAlert)
            let threshold = level == .alert ? thresholds.errorRateAlert : thresholds.errorRateWarn
            if level > .ok, let threshold { findings.append((level, rate / threshold, .errorRate(rate: rate, threshold: threshold))) }
        }
        findings.sort { ($0.0, $0.1) > ($1.0, $1.1) }
        return (findings.map { Finding(severity: $0.0, reason: $0.2) }, judged)
    }
}
