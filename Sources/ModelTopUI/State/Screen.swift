/// The views of the dashboard.
public enum Screen: Hashable, Sendable {
    case overview
    /// One model: sparklines and the drift heatmap.
    case detail
    /// One feature of the model: reference vs current.
    case feature
    /// The selected model's serving nodes (`n`).
    case nodes
    /// Every serving node across models (`N`).
    case fleetNodes
    case help
    case malformed
    /// One malformed line, whole, with its reason (Enter in the malformed lines).
    case malformedLine
    /// Every input: files, standard input, network sources and remote hosts (`i`).
    case sources
    /// The alert timeline (`a`).
    case alerts
    /// The selected model's versions side by side (`v` in the detail view).
    case versions

    /// Screens that show a list or a text the position moves through (PgUp/PgDn, Home/End).
    var scrolls: Bool {
        switch self {
        case .overview, .detail, .feature: false
        case .nodes, .fleetNodes, .help, .malformed, .malformedLine, .sources, .alerts, .versions: true
        }
    }

    /// Lists whose position is a selected row (the others scroll a text).
    var selects: Bool {
        switch self {
        case .nodes, .fleetNodes, .malformed, .alerts, .versions: true
        default: false
        }
    }
}
