/// A scalar from a log line: a feature value, a prediction or a label.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    /// A string, interned.
    case string(Symbol)

    /// The number, or nil for other kinds.
    @inlinable
    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }
}
