import ModelTopCore

/// One model's line in the fleet overview.
public struct ModelRow: Sendable {
    public var model: Symbol
    public var name: String
    /// Versions in the window, most served first.
    public var versions: [String]
    public var nodes: Int
    /// Judged (and how), or why not yet.
    public var status: ModelStatus
    public var task: ModelTask?
    public var reasons: [String]
    /// The most serious reason in a few words (`acc -6.0 pts`).
    public var reason: String?
    /// Predictions per second of event time over the window.
    public var throughput: Double?
    /// Classifiers: accuracy; regressors: MAE and the reference's.
    public var accuracy: Double?
    /// True when ``accuracy`` is estimated from calibrated scores (too few labels yet): shown
    /// as `~84.1%`.
    public var accuracyIsEstimate = false
    /// False while ``accuracy`` (or the MAE) rests on fewer than `min_samples` joined labels and
    /// is not an estimate: not judged, shown dimmed as an unjudged PSI is.
    public var accuracyJudged = true
    public var meanAbsoluteError: Double?
    public var referenceMeanAbsoluteError: Double?
    /// The feature with the largest PSI; `judged` is false while its window is too small to
    /// count towards the severity (shown dimmed).
    public var worst: (name: String, psi: Double, judged: Bool)?
    public var p99: Double?
    /// Per pane of the history, oldest first.
    public var throughputSeries: [Double?]
    /// Accuracy per pane, or MAE for a regressor.
    public var accuracySeries: [Double?]
    public var p99Series: [Double?]
    public var maxPSISeries: [Double?]

    public var severity: Severity { status.severity }
}
