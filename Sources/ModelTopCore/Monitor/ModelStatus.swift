/// What a model's status column says: judged (ok, warn, alert), or why not yet, so the status
/// never contradicts the numbers beside it.
public enum ModelStatus: Sendable, Equatable {
    /// The reference is still being collected from the first predictions.
    case collecting(have: Int, need: Int)
    /// Nothing in the window has enough values to be judged (`have` of `need`).
    case insufficient(have: Int, need: Int)
    case judged(Severity)

    /// The severity when judged; ok otherwise (nothing to alert on).
    public var severity: Severity {
        if case .judged(let s) = self { return s }
        return .ok
    }

    /// `collecting`, `insufficient`, or the severity's name (the JSON spelling).
    public var name: String {
        switch self {
        case .collecting: "collecting"
        case .insufficient: "insufficient"
        case .judged(let s): s.name
        }
    }
}
