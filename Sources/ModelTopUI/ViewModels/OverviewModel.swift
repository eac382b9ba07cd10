import ModelTopCore

/// The fleet overview: a row per model, filtered and sorted.
public struct OverviewModel: Sendable {
    public var rows: [ModelRow]
    /// The selected row's index.
    public var selected: Int?
    public var sort: SortSpec
    public var filter: String
    /// Rows the filter hides, by severity (nil: not judged yet).
    public var hidden: [Severity?: Int]
    /// Columns left out by the preferences.
    public var hiddenColumns: [OverviewColumn]
    /// True when no model has sent anything yet (rather than all being filtered away).
    public var waiting: Bool
    /// PSI colours follow the alert thresholds.
    public var thresholds: AlertThresholds
    /// Event time the sparklines span.
    public var historySeconds: Double

    /// Judged rows per severity.
    public var counts: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for row in rows { if case .judged(let s) = row.status { counts[s, default: 0] += 1 } }
        return counts
    }
}
