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

    /// The largest PSI among slots with at least `minimum` values.
    func maxPSI(minimum: Int) -> Double? {
        psi.filter { counts[$0.key, default: 0] >= minimum }.values.max()
    }

    /// The summary of pane `index` of `model`; nil when the pane is not kept.
    /// - Complexity: that of ``ModelMonitor/paneDrift(_:ks:)``.
    init?(_ model: ModelMonitor, pane index: Int, withKS: Bool) {
        guard let pane = model.panes.pane(index), let drift = model.paneDrift(index, ks: withKS) else { return nil }
        version = pane.version
        predictions = pane.predictions
        let regression = model.task == .regression
        accuracy = regression ? nil : pane.outcomes.accuracy
        meanAbsoluteError = regression ? pane.outcomes.meanAbsoluteError : nil
        estimatedAccuracy = model.task == .binary ? pane.estimated.accuracy : nil
        p99 = pane.latency.quantile(0.99)
        psi = drift.compactMapValues(\.psi)
        ks = withKS ? drift.compactMapValues(\.ks) : nil
        counts = drift.mapValues(\.count)
    }
}
