import ModelTopCore

extension Reason {
    /// The reason in words (`PSI 0.31 on amount`), names looked up with `name`.
    public func text(_ name: (Symbol) -> String) -> String {
        switch self {
        case .drift(let feature, let psi):
            "PSI \(Self.number(psi)) on \(Sanitizer.sanitize(name(feature), limit: 64))"
        case .accuracyDrop(let accuracy, let reference):
            "accuracy \(Self.number(accuracy * 100))% vs \(Self.number(reference * 100))% in the reference"
        case .estimatedAccuracyDrop(let accuracy, let reference):
            "estimated accuracy \(Self.number(accuracy * 100))% vs \(Self.number(reference * 100))% in the reference (no labels yet)"
        case .latency(let p99, let threshold):
            "p99 latency \(Format.milliseconds(p99)) >= \(Format.milliseconds(threshold))"
        case .errorRate(let rate, let threshold):
            "error rate \(Format.percent(rate)) >= \(Format.percent(threshold))"
        case .nodeSilent(let node, let lastSeen):
            "node \(Sanitizer.sanitize(name(node), limit: 64)) silent since \(lastSeen.isFinite ? Format.dateTime(lastSeen) : "-")"
        case .nodeSlow(let node, let p99):
            "node \(Sanitizer.sanitize(name(node), limit: 64)) slow: p99 \(Format.milliseconds(p99))"
        case .nodeErrors(let node, let rate):
            "node \(Sanitizer.sanitize(name(node), limit: 64)) errors \(Format.percent(rate))"
        }
    }

    /// The reason in a few words, for a table column or a status bar (`acc -6.0 pts`,
    /// `PSI 0.31 amount`, `p99 812ms`, `errors 5.0%`).
    public func shortText(_ name: (Symbol) -> String) -> String {
        switch self {
        case .drift(let feature, let psi):
            "PSI \(Format.fixed(psi, digits: 2)) \(Sanitizer.sanitize(name(feature), limit: 32))"
        case .accuracyDrop(let accuracy, let reference):
            "acc \(Format.fixed((accuracy - reference) * 100, digits: 1)) pts"
        case .estimatedAccuracyDrop(let accuracy, let reference):
            "~acc \(Format.fixed((accuracy - reference) * 100, digits: 1)) pts (est.)"
        case .latency(let p99, _):
            "p99 \(Format.milliseconds(p99))"
        case .errorRate(let rate, _):
            "errors \(Format.percent(rate))"
        case .nodeSilent(let node, _):
            "\(Sanitizer.sanitize(name(node), limit: 24)) silent"
        case .nodeSlow(let node, let p99):
            "\(Sanitizer.sanitize(name(node), limit: 24)) p99 \(Format.milliseconds(p99))"
        case .nodeErrors(let node, let rate):
            "\(Sanitizer.sanitize(name(node), limit: 24)) err \(Format.percent(rate))"
        }
    }

    private static func number(_ x: Double) -> String {
        Format.fixed(x, digits: abs(x) >= 10 ? 1 : 2)
    }
}
