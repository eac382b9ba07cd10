import ModelTopCore

/// What a mouse click landed on, found in the frame's ``HitMap``; the loop turns a click into
/// ``DashboardEvent/clicked(_:)`` with it, so the reducer never computes layout.
public enum HitTarget: Sendable, Equatable {
    /// A model's row in the overview.
    case model(Symbol)
    /// A column's header in the overview (sorts by it).
    case header(OverviewColumn)
    /// A heatmap cell: a row (feature, then the prediction) and a pane counted back from the
    /// newest (0).
    case cell(row: Int, paneBack: Int)
    /// A row of the current list (alerts, nodes, malformed lines).
    case listRow(Int)
}
