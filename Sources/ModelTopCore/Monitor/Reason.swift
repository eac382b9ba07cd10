/// Why a model is not OK: a value, put into words by the presentation (`ReasonText`).
public enum Reason: Sendable, Equatable {
    /// A feature's (or the prediction's) PSI reached a threshold.
    case drift(feature: Symbol, psi: Double)
    /// The window's accuracy fell below the reference's.
    case accuracyDrop(accuracy: Double, reference: Double)
    /// The window's estimated accuracy (from calibrated scores, before labels) fell below the
    /// reference's accuracy.
    case estimatedAccuracyDrop(accuracy: Double, reference: Double)
    /// The window's p99 latency (milliseconds) reached a threshold.
    case latency(p99: Double, threshold: Double)
    /// The window's mean error rate reached a threshold.
    case errorRate(rate: Double, threshold: Double)
    /// A serving node sent nothing since `lastSeen` (event time).
    case nodeSilent(node: Symbol, lastSeen: Double)
    /// A serving node's p99 latency is over its threshold or twice the other nodes'.
    case nodeSlow(node: Symbol, p99: Double)
    /// A serving node's error rate reached a threshold.
    case nodeErrors(node: Symbol, rate: Double)
}

/// A severity with the reason for it.
public struct Finding: Sendable, Equatable {
    public var severity: Severity
    public var reason: Reason

    public init(severity: Severity, reason: Reason) {
        self.severity = severity
        self.reason = reason
    }
}
