import ModelTopCore

/// One model: its numbers, sparklines over the pane history, and the drift heatmap.
public struct DetailModel: Sendable {
    /// A sparkline with its label, over the pane history (oldest first).
    public struct SparklineRow: Sendable {
        public var label: String
        public var values: [Double?]
        /// The value range drawn; nil is 0 up to the largest value.
        public var range: ClosedRange<Double>?
        /// The range's text when it is the series' own (`68%-92%`), shown beside it.
        public var rangeText: String?
    }

    /// A heatmap row: a feature, or the prediction (drawn last, marked).
    public struct HeatRow: Sendable {
        public var name: String
        /// Per pane of the history, oldest first (the newest pane is still in progress).
        public var values: [HeatCell]
        public var isPrediction: Bool
    }

    /// The values of the cell under the cursor.
    public struct CursorCell: Sendable {
        public var name: String
        public var isPrediction: Bool
        /// The pane's start (event time).
        public var paneStart: Double
        public var psi: Double?
        public var ks: Double?
        public var predictions: Int
        /// The feature's values in the pane, and how many make a judgement.
        public var values: Int
        public var minimum: Int
        /// The newest pane, still filling.
        public var inProgress: Bool
    }

    public var name: String
    /// `binary classifier`, `regressor`, or that it is not known yet.
    public var task: String
    public var status: ModelStatus
    public var reasons: [String]
    /// The model's facts (version, reference, window, counts), one phrase each.
    public var info: [String]
    /// Labels, accuracy or errors, latency, one phrase each.
    public var outcomes: [String]
    public var sparklines: [SparklineRow]
    public var metric: HeatMetric
    /// Event time per pane.
    public var paneSeconds: Double
    public var rows: [HeatRow]
    /// The feature filter (`/`) and how many rows it hides.
    public var filter: String
    public var hiddenRows: Int
    /// Level boundaries of the heatmap colours.
    public var thresholds: [Double]
    /// The cursor: a row and a pane counted back from the newest.
    public var cursorRow: Int
    public var cursorPaneBack: Int
    public var cursorCell: CursorCell?
    /// Versions deployed within the pane history (a version's first event, the model's first
    /// version left out): the pane's position in the history (oldest first) and the version.
    public var deploys: [Deploy] = []

    public struct Deploy: Sendable, Equatable {
        public var column: Int
        public var version: String
    }
}
