/// The views of the dashboard.
public enum Screen: Equatable, Sendable {
    case overview
    /// One model: sparklines and the drift heatmap.
    case detail
    /// One feature of the model: reference vs current.
    case feature
    case nodes
    case help
    case malformed
}

/// The overview's sort orders, cycled with `s`.
public enum SortOrder: String, CaseIterable, Sendable {
    case severity, name, throughput, drift

    var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What the heatmap colours.
public enum HeatMetric: String, Sendable {
    case psi = "PSI"
    case ks = "KS D"
}
