import ModelTopCore

/// The fleet overview: a row per model, filtered and sorted.
public struct OverviewModel: Sendable {
    public var rows: [ModelRow]
    /// The selected row's index.
    public var selected: Int?
    public var sort: SortOrder
    public var filter: String
    /// True when no model has sent anything yet (rather than all being filtered away).
    public var waiting: Bool
    /// PSI colours follow the alert thresholds.
    public var thresholds: AlertThresholds

    /// Rows per severity.
    public var counts: [Severity: Int] { Dictionary(grouping: rows, by: \.severity).mapValues(\.count) }
}
