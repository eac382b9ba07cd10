/// One change of severity: a model's, one of its features', or one of its serving nodes'.
public struct AlertChange: Sendable, Equatable {
    /// What changed.
    public enum Subject: Sendable, Hashable {
        case model
        case feature(Symbol)
        case node(Symbol)
    }

    public var model: Symbol
    public var subject: Subject
    /// The severity before (nil: first judged).
    public var from: Severity?
    public var to: Severity
    /// Why it is what it is now (nil for OK).
    public var reason: Reason?
    /// The event-time clock when the change was seen, and its pane.
    public var time: Double
    public var pane: Int

    public init(model: Symbol, subject: Subject, from: Severity?, to: Severity, reason: Reason?, time: Double, pane: Int) {
        self.model = model
        self.subject = subject
        self.from = from
        self.to = to
        self.reason = reason
        self.time = time
        self.pane = pane
    }
}

/// Watches the severities of models, features and nodes and keeps every change in a bounded
/// log (newest last): the alert timeline, the bell and `--on-alert` read it.
///
/// A subject first seen OK is not a change; first seen WARN or ALERT is. Models and features
/// not judged yet (too few values) keep their last severity rather than flapping to OK.
public struct AlertTracker: Sendable {
    /// How many changes the log keeps.
    public static let limit = 1000

    private struct Key: Hashable {
        var model: Symbol
        var subject: AlertChange.Subject
    }

    private var last: [Key: Severity] = [:]
    /// The changes, oldest first (at most ``limit``).
    public private(set) var log: [AlertChange] = []
    /// Changes dropped from the front of the log.
    public private(set) var dropped = 0

    public init() {}

    /// Compares each model's, feature's and node's severity with the last seen and logs the
    /// changes; returns them.
    /// - Parameters:
    ///   - models: a snapshot of each model, with its nodes' health.
    ///   - clock: the event-time clock; `pane` its pane.
    /// - Complexity: O(models · (features + nodes)).
    public mutating func update(_ models: [(snapshot: ModelSnapshot, nodes: [NodeHealth])], thresholds: AlertThresholds,
                                clock: Double, pane: Int) -> [AlertChange] {
        var changes: [AlertChange] = []
        func observe(_ model: Symbol, _ subject: AlertChange.Subject, _ severity: Severity, _ reason: Reason?) {
            let key = Key(model: model, subject: subject)
            let before = last[key]
            guard before != severity else { return }
            last[key] = severity
            if before == nil && severity == .ok { return }
            changes.append(AlertChange(model: model, subject: subject, from: before, to: severity, reason: reason, time: clock,
                                       pane: pane))
        }
        let minimum = thresholds.minimumSamples
        for (snapshot, nodes) in models {
            if case .judged(let severity) = snapshot.status {
                observe(snapshot.model, .model, severity, snapshot.findings.first?.reason)
            }
            for feature in snapshot.features + (snapshot.predictionDrift.map { [$0] } ?? []) {
                let d = feature.drift
                guard let psi = d.psi, d.currentCount >= minimum, d.referenceCount >= minimum else { continue }
                let level = AlertThresholds.level(psi, warn: thresholds.psiWarn, alert: thresholds.psiAlert)
                observe(snapshot.model, .feature(feature.name), level, level > .ok ? .drift(feature: feature.name, psi: psi) : nil)
            }
            for node in nodes {
                observe(snapshot.model, .node(node.node), node.severity, node.reason)
            }
        }
        log += changes
        if log.count > Self.limit {
            dropped += log.count - Self.limit
            log.removeFirst(log.count - Self.limit)
        }
        return changes
    }
}
