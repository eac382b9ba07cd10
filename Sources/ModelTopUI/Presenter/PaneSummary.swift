import ModelTopCore

/// What the sparklines and the heatmap show of one pane of a model: kept by the presenter until
/// the pane changes.
struct PaneSummary: Sendable {
    /// The pane's ``ModelPane/version`` when this was made.
    var version: Int
    var predictions: Int
    var accuracy: Double?
    var p99: Double?
    /// PSI per feature slot; the prediction is slot -1.
    var psi: [Int: Double]
    /// KS D per feature slot, computed only while a heatmap shows KS.
    var ks: [Int: Double]?

    var maxPSI: Double? { psi.values.max() }

    /// The summary of pane `index` of `model`; nil when the pane is not kept.
    /// - Complexity: that of ``ModelMonitor/paneDrift(_:ks:)``.
    init?(_ model: ModelMonitor, pane index: Int, withKS: Bool) {
        guard let pane = model.panes.pane(index), let drift = model.paneDrift(index, ks: withKS) else { return nil }
        version = pane.version
        predictions = pane.predictions
        accuracy = pane.outcomes.accuracy
        p99 = pane.latency.quantile(0.99)
        psi = drift.compactMapValues(\.psi)
        ks = withKS ? drift.compactMapValues(\.ks) : nil
    }
}
