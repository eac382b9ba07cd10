/// What the heatmap colours.
public enum HeatMetric: String, Sendable {
    case psi = "PSI"
    case ks = "KS D"

    /// The other metric (`m` toggles).
    public var other: HeatMetric { self == .psi ? .ks : .psi }
}
