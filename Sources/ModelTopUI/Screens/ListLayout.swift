/// How many rows of a list or lines of a text a screen shows in a body area: the presenter
/// and the reducer page with the same numbers the screens draw with.
enum ListLayout {
    /// Rows of the current screen's list or text (header rows left out).
    static func visibleRows(_ screen: Screen, body: Rect) -> Int {
        switch screen {
        case .overview: overviewRows(body: body)
        case .detail: heatmapRows(body: body)
        case .nodes, .fleetNodes, .alerts, .versions: max(1, body.height - 3)  // title, blank, table header
        case .malformed: max(1, body.height - 1)  // title
        case .help, .malformedLine: max(1, body.height - 1)  // the scroll indicator's line
        case .sources: max(1, body.height - 4)
        case .feature: binRows(body: body, numeric: true)
        }
    }

    /// Model rows under the overview's summary line and table header.
    static func overviewRows(body: Rect) -> Int { max(1, body.height - 2) }

    /// Heatmap rows in the detail view (see ``DetailGeometry``).
    static func heatmapRows(body: Rect) -> Int { max(1, body.height - 10) }

    /// Histogram bins in the drill-down: below the title, two lines of numbers and a gap; a
    /// numeric feature shares the height with its CDF on a narrow terminal.
    static func binRows(body: Rect, numeric: Bool) -> Int {
        let rest = body.height - 4
        let histogram = numeric && body.width - 2 < 110 ? rest / 2 : rest
        return max(1, histogram - 1)  // its header row
    }
}
