import ModelTopCore

/// One model's line in the fleet overview.
public struct ModelRow: Sendable {
    public var model: Symbol
    public var name: String
    /// Versions in the window, most served first.
    public var versions: [String]
    public var nodes: Int
    public var severity: Severity
    public var reasons: [String]
    public var throughput: Double?
    public var accuracy: Double?
    /// The feature with the largest PSI; `judged` is false while its window is too small to
    /// count towards the severity (shown dimmed).
    public var worst: (name: String, psi: Double, judged: Bool)?
    public var p99: Double?
    /// Per pane of the history, oldest first.
    public var throughputSeries: [Double?]
    public var accuracySeries: [Double?]
    public var p99Series: [Double?]
    public var maxPSISeries: [Double?]
}
