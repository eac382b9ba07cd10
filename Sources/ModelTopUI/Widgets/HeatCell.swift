/// One cell of a heatmap: no data, a value, or too few values to judge (drawn apart, never
/// coloured as if it were hot).
public enum HeatCell: Sendable, Equatable {
    case empty
    case value(Double)
    case tooFew
    /// The metric does not apply to this row (KS D of a categorical feature).
    case notApplicable
}
