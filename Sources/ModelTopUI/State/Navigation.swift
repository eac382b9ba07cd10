import ModelTopCore

/// What the reducer needs to know about what is on screen to move the selection: the
/// overview's rows in their shown order, the selected model's heatmap size. The presenter makes
/// it with every presentation (``DashboardEvent/presented(_:)``).
public struct Navigation: Sendable, Equatable {
    /// One overview row: its model and name.
    public struct Row: Sendable, Equatable {
        public var model: Symbol
        public var name: String

        public init(model: Symbol, name: String) {
            self.model = model
            self.name = name
        }
    }

    /// The overview's rows, filtered and sorted as shown.
    public var rows: [Row]
    /// Rows of the selected model's heatmap (features, then the prediction).
    public var heatmapRows: Int
    /// Panes of history (heatmap columns at most).
    public var panes: Int

    public init(rows: [Row] = [], heatmapRows: Int = 0, panes: Int = 1) {
        self.rows = rows
        self.heatmapRows = heatmapRows
        self.panes = panes
    }
}
