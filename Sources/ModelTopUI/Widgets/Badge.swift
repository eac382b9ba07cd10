import ModelTopCore
import ModelTopText

/// A model's status as a word (OK, WARN, ALERT), coloured, and bold or reversed so that it
/// reads without colour too; a model not judged yet reads dim (`REF 12%`, `n=85`).
public struct Badge: Sendable {
    public var status: ModelStatus

    public init(_ status: ModelStatus) {
        self.status = status
    }

    public init(_ severity: Severity) {
        self.init(.judged(severity))
    }

    /// The word, at most 7 columns wide.
    public var text: String {
        switch status {
        case .collecting(let have, let need): "REF \(min(99, have * 100 / max(need, 1)))%"
        case .insufficient(let have, _): have < 100_000 ? "n=\(have)" : "n<min"
        case .judged: status.label
        }
    }

    public var style: Style {
        switch status {
        case .collecting, .insufficient: Style(foreground: .role(.dim), dim: true)
        case .judged(.ok): Style(foreground: .role(.ok))
        case .judged(.warn): Style(foreground: .role(.warn), bold: true)
        case .judged(.alert): Style(foreground: .role(.alert), bold: true, reverse: true)
        }
    }
}
