import ModelTopCore

/// What the reducer needs to know about what is on screen to move through it: the overview's
/// rows and columns in their shown order, the selected model's heatmap size, the length of the
/// current list or text, and where each alert leads. The presenter makes it with every
/// presentation (``DashboardEvent/presented(_:)``).
public struct Navigation: Sendable, Equatable {
    /// One overview row: its model and name.
    public struct Row: Sendable, Equatable {
        public var model: Symbol
        public var name: String
        /// True when the model has no prediction in the newest complete pane (its data began
        /// in the current one, or it paused): its detail view then opens on the current pane,
        /// not an empty one.
        public var newestCompletePaneEmpty: Bool

        public init(model: Symbol, name: String, newestCompletePaneEmpty: Bool = false) {
            self.model = model
            self.name = name
            self.newestCompletePaneEmpty = newestCompletePaneEmpty
        }
    }

    /// Where an alert of the timeline leads: its model, the heatmap row of its feature (nil for
    /// the model or a node) and its pane, counted back from the newest.
    public struct AlertTarget: Sendable, Equatable {
        public var model: Symbol
        public var heatmapRow: Int?
        public var paneBack: Int

        public init(model: Symbol, heatmapRow: Int?, paneBack: Int) {
            self.model = model
            self.heatmapRow = heatmapRow
            self.paneBack = paneBack
        }
    }

    /// The overview's rows, filtered and sorted as shown.
    public var rows: [Row]
    /// The overview's columns as shown (`<` and `>` move the sort through them).
    public var columns: [OverviewColumn]
    /// Rows of the selected model's heatmap (features, then the prediction).
    public var heatmapRows: Int
    /// Panes of history (heatmap columns at most).
    public var panes: Int
    /// Rows of the current list or lines of the current text, and how many fit on screen.
    public var length: Int
    public var page: Int
    /// The alert timeline's entries in shown order (newest first).
    public var alerts: [AlertTarget]

    public init(rows: [Row] = [], columns: [OverviewColumn] = OverviewColumn.allCases, heatmapRows: Int = 0, panes: Int = 1,
                length: Int = 0, page: Int = 1, alerts: [AlertTarget] = []) {
        self.rows = rows
        self.columns = columns
        self.heatmapRows = heatmapRows
        self.panes = panes
        self.length = length
        self.page = page
        self.alerts = alerts
    }
}
