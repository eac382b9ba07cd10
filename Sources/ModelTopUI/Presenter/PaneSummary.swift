import ModelTopCore

/// What the sparklines and the heatmap show of one pane of a model: kept by the presenter until
/// the pane changes.
struct PaneSummary: Sendable {
    /// The pane's ``ModelPane/version`` when this was made.
    var version: Int
    var predictions: Int
    /// Accuracy for classifiers, MAE for regressors (nil for the other task).
    var accuracy: Double?
    var meanAbsoluteError: Double?
    /// Accuracy estimated from calibrated scores (binary classifiers with a calibration).
    var estimatedAccuracy: Double?
    var p99: Double?
    /// PSI per feature slot; the prediction is slot -1.
    var psi: [Int: Double]
    /// KS D per feature slot, computed only while a heatmap shows KS.
    var ks: [Int: Double]?
    /// Values per feature slot (too few are not judged).
    var counts: [Int: Int]
    /// The largest PSI among slots with at least the configuration's `min_samples` values
    /// (the sparkline of a model's row): computed with the summary, not on every frame.
    var maxPSI: Double?

    /// The largest PSI among slots with at least `minimum` values.
    private static func maxPSI(_ psi: [Int: Double], counts: [Int: Int], minimum: Int) -> Double? {
        var largest: Double?
        for (slot, value) in psi where counts[slot, default: 0] >= minimum {
            if let l = largest, !(l < value) { continue }
            largest = value
        }
        return largest
    }

    /// The summary of pane `index` of `model`; nil when the pane is not kept.
    /// - Complexity: that of ``ModelMonitor/paneDrift(_:ks:)``.
    init?(_ model: ModelMonitor, pane index: Int, withKS: Bool) {
        let task = model.task
        // Read in place: a copy of the pane retains each of its arrays and tables.
        guard let drift = model.paneDrift(index, ks: withKS),
            let read = model.panes.reading(index, { pane in
                (version: pane.version, predictions: pane.predictions,
                 accuracy: task == .regression ? nil : pane.outcomes.accuracy,
                 meanAbsoluteError: task == .regression ? pane.outcomes.meanAbsoluteError : nil,
                 estimatedAccuracy: task == .binary ? pane.estimated.accuracy : nil, p99: pane.latency.quantile(0.99))
            })
        else { return nil }
        version = read.version
        predictions = read.predictions
        accuracy = read.accuracy
        meanAbsoluteError = read.meanAbsoluteError
        estimatedAccuracy = read.estimatedAccuracy
        p99 = read.p99
        psi = drift.compactMapValues(\.psi)
        ks = withKS ? drift.compactMapValues(\.ks) : nil
        counts = drift.mapValues(\.count)
        maxPSI = Self.maxPSI(psi, counts: counts, minimum: model.configuration.thresholds.minimumSamples)
    }
}
