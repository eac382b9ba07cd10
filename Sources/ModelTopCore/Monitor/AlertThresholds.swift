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
    /// Fewer values (or joined labels) than this in the window or the reference are not judged,
    /// so a handful of events cannot raise an alert: with 10 bins, PSI between two samples of
    /// the same distribution averages about 9/n, so at n = 200 chance alone stays well below
    /// the warn level.
    public var minimumSamples = 200

    public init() {}
}
