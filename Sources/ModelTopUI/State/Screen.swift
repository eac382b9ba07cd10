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
    /// Every input: files, standard input and network sources (`i`).
    case sources
}
