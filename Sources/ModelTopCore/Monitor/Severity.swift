/// A model's health: ok, warn or alert, ordered by seriousness.
public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case ok, warn, alert

    /// `ok`, `warn` or `alert` (the JSON and CLI spelling).
    public var name: String {
        switch self {
        case .ok: "ok"
        case .warn: "warn"
        case .alert: "alert"
        }
    }

    /// The severity spelled `name`.
    public init?(name: String) {
        guard let s = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
