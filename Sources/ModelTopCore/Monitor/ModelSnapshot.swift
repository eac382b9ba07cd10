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
    }

    public let model: Symbol
    public let window: ClosedRange<Int>
    /// Seconds of event time the window covers (for rates).
    public let seconds: Double
    /// The window's panes merged.
    public let merged: ModelPane
    public let reference: ModelReference?
    public let referenceOutcomes: Outcomes
    public let features: [Feature]
    /// Drift of the score (or the prediction); nil with no predictions.
    public let predictionDrift: Feature?
    public let nodes: [Node]
    public let totals: ModelMonitor.Totals
    public let expiredPredictions: Int
    public let unmatchedLabels: Int
    public let pendingPredictions: Int
    public let severity: Severity
    /// Why the severity is what it is, most serious first.
    public let findings: [Finding]

    /// The snapshot of `monitor` over the panes in `window`; `ks` says how much of the KS tests
    /// to compute (the severity needs none). `now` (the fleet's event-time clock) ends the
    /// span rates are computed over, so a window that has only just started is not diluted.
    /// - Complexity: O(panes · features · (bins + categories)) plus KS on the window's samples.
    public init(_ monitor: ModelMonitor, window: ClosedRange<Int>, symbols: SymbolTable, now: Double? = nil,
                ks: FeatureDrift.KSWork = .test) {
        model = monitor.name
        self.window = window
        let configuration = monitor.configuration
        let merged = monitor.merged(window)
        self.merged = merged
        if configuration.paneSeconds.isInfinite {
            seconds = max(monitor.totals.lastEventTime - monitor.totals.firstEventTime, 0)
        } else if let now {
            let start = max(Double(window.lowerBound) * configuration.paneSeconds, monitor.totals.firstEventTime)
            let end = min(now, Double(window.upperBound + 1) * configuration.paneSeconds)
            seconds = max(end - start, 0)
        } else {
            seconds = Double(window.count) * configuration.paneSeconds
        }
        reference = monitor.reference
        referenceOutcomes = monitor.referenceOutcomes
        let references = monitor.references
        let empty = FeatureWindow(configuration: .init(kind: nil, edges: nil, sampleLimit: nil, maxCategories: .max, seed: 0))
        let predictions = merged.predictions
        let inputs = monitor.featureNames.enumerated().map { slot, name in
            (name, slot < merged.features.count ? merged.features[slot] ?? empty : empty, references[slot])
        }
        var features = inputs.parallelMap { name, window, reference in
            Feature(name: name, drift: FeatureDrift(window: window, predictions: predictions, reference: reference,
                                                    ks: ks))
        }
        // Features of the reference that never appeared in the stream.
        for (name, reference) in monitor.reference?.features ?? [:] where !monitor.featureNames.contains(name) {
            let empty = FeatureWindow(configuration: reference.windowConfiguration(sampleLimit: nil, maxCategories: .max, seed: 0))
            features.append(Feature(name: name, drift: FeatureDrift(window: empty, predictions: merged.predictions, reference: reference)))
        }
        features.sort { symbols.name($0.name) < symbols.name($1.name) }
        self.features = features
        let usesScore = monitor.reference?.usesScore ?? (merged.scores != nil)
        if let window = merged.predictionWindow(usesScore: usesScore) {
            predictionDrift = Feature(name: symbols.intern(usesScore ? "score" : "prediction"),
                                      drift: FeatureDrift(window: window, predictions: merged.predictions,
                                                          reference: monitor.reference?.prediction, ks: ks))
        } else {
            predictionDrift = nil
        }
        nodes = merged.nodes.pairs.map { Node(name: $0.key, pane: $0.value, lastSeen: monitor.nodeLastSeen[$0.key] ?? -.infinity) }
            .sorted { symbols.name($0.name) < symbols.name($1.name) }
        totals = monitor.totals
        expiredPredictions = monitor.join.expiredPredictions
        unmatchedLabels = monitor.join.unmatchedLabels
        pendingPredictions = monitor.join.pendingPredictions
        findings = Self.judge(features: features, prediction: predictionDrift, outcomes: merged.outcomes,
                              reference: referenceOutcomes, thresholds: configuration.thresholds)
        severity = findings.first?.severity ?? .ok
    }

    public var accuracy: Double? { merged.outcomes.accuracy }
    public var referenceAccuracy: Double? { referenceOutcomes.accuracy }

    /// Predictions per second over the window.
    public var throughput: Double? { seconds > 0 ? Double(merged.predictions) / seconds : nil }

    /// The feature (or prediction) with the largest PSI.
    public var worstFeature: Feature? {
        (features + (predictionDrift.map { [$0] } ?? [])).filter { $0.drift.psi != nil }
            .max { $0.drift.psi! < $1.drift.psi! }
    }

    /// Mean of the window's `error_rate` metric samples.
    public func metricMean(_ name: Symbol) -> Double? {
        merged.metrics[name].flatMap { $0.count > 0 ? $0.mean : nil }
    }

    /// The findings, most serious first (by severity, then by how far past the threshold).
    static func judge(
        features: [Feature], prediction: Feature?, outcomes: Outcomes, reference: Outcomes, thresholds: AlertThresholds
    ) -> [Finding] {
        var findings: [(Severity, Double, Reason)] = []
        for feature in features + (prediction.map { [$0] } ?? []) {
            let d = feature.drift
            guard let psi = d.psi, d.currentCount >= thresholds.minimumSamples,
                d.referenceCount >= thresholds.minimumSamples
            else { continue }
            let level: Severity = psi >= thresholds.psiAlert ? .alert : psi >= thresholds.psiWarn ? .warn : .ok
            if level > .ok {
                findings.append((level, psi, .drift(feature: feature.name, psi: psi)))
            }
        }
        if let accuracy = outcomes.accuracy, let baseline = reference.accuracy,
            outcomes.joined >= thresholds.minimumSamples, reference.joined >= thresholds.minimumSamples
        {
            let drop = baseline - accuracy
            let level: Severity = drop >= thresholds.accuracyDropAlert ? .alert : drop >= thresholds.accuracyDropWarn ? .warn : .ok
            if level > .ok {
                findings.append((level, drop, .accuracyDrop(accuracy: accuracy, reference: baseline)))
            }
        }
        findings.sort { ($0.0, $0.1) > ($1.0, $1.1) }
        return findings.map { Finding(severity: $0.0, reason: $0.2) }
    }
}
