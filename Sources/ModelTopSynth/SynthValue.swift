/// A value in a scenario expression: a number, or a category (an index into the scenario's
/// string table).
public enum SynthValue: Sendable, Equatable {
    case number(Double)
    case string(Int)

    /// The number (a category is not one: NaN).
    @inline(__always)
    var number: Double {
        if case .number(let x) = self { return x }
        return .nan
    }

    /// True for a number other than 0 (a category is true).
    @inline(__always)
    var isTrue: Bool {
        switch self {
        case .number(let x): x != 0 && !x.isNaN
        case .string: true
        }
    }
}
