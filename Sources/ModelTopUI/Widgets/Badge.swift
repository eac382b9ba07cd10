import ModelTopCore

/// A model's severity as a word (OK, WARN, ALERT), coloured, and bold or reversed so that it
/// reads without colour too.
public struct Badge: Sendable {
    public var severity: Severity

    public init(_ severity: Severity) {
        self.severity = severity
    }

    public var text: String {
        switch severity {
        case .ok: "OK"
        case .warn: "WARN"
        case .alert: "ALERT"
        }
    }

    public var style: Style {
        switch severity {
        case .ok: Style(foreground: .role(.ok))
        case .warn: Style(foreground: .role(.warn), bold: true)
        case .alert: Style(foreground: .role(.alert), bold: true, reverse: true)
        }
    }
}
