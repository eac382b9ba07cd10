/// When a model's severity becomes warn or alert.
public struct AlertThresholds: Sendable, Equatable {
    /// Any feature's or the prediction's PSI at or above this warns.
    public var psiWarn = 0.1
    /// Any feature's or the prediction's PSI at or above this alerts.
    public var psiAlert = 0.25
    /// Accuracy this far (a fraction: 0.05 = 5 points) below the reference accuracy warns.
    public var accuracyDropWarn = 0.05
    /// Accuracy this far below the reference accuracy alerts.
    public var accuracyDropAlert = 0.10
    /// A window's p99 latency (milliseconds) at or above this warns; nil: off.
    public var p99LatencyWarn: Double?
    /// A window's p99 latency at or above this alerts; nil: off.
    public var p99LatencyAlert: Double?
    /// A window's mean `error_rate` metric (a fraction) at or above this warns; nil: off.
    public var errorRateWarn: Double?
    /// A window's mean `error_rate` at or above this alerts; nil: off.
    public var errorRateAlert: Double?
    /// Fewer values (or joined labels, or latencies) than this in the window or the reference
    /// are not judged, so a handful of events cannot raise an alert: with 10 bins, PSI between
    /// two samples of the same distribution averages about 9/n, so at n = 200 chance alone
    /// stays well below the warn level.
    public var minimumSamples = 200
    /// Latencies a serving node needs in the window before it is judged slow: half of
    /// ``minimumSamples`` (100 by default; the p99 of fewer is their largest). Nodes share a
    /// model's traffic, so the full minimum would leave a node serving 0.2 predictions/s never
    /// judged over a 10-minute window. Simulated with exponential latencies on three nodes, a
    /// check finds a node slow by chance 43% of the time at 10 latencies each, 14% at 50,
    /// 2.6% at 100.
    public var minimumNodeLatencies: Int { max(1, minimumSamples / 2) }
    /// Judge the accuracy drop on the estimated accuracy (CBPE) while too few labels have
    /// joined to judge the realized one (`estimated_accuracy` in the config file).
    public var estimatedAccuracy = true

    public init() {}

    /// The level `value` reaches against a warn and an alert threshold (either may be off).
    public static func level(_ value: Double, warn: Double?, alert: Double?) -> Severity {
        if let alert, value >= alert { return .alert }
        if let warn, value >= warn { return .warn }
        return .ok
    }
}
