import ModelTopCore

/// Screen 1: a row per model, worst first.
struct OverviewScreen {
    let state: DashboardState
    let context: RenderContext

    /// The table: columns chosen for the width, the model name taking what is left.
    func table(width: Int) -> Table {
        let rows = state.rows
        let thresholds = state.shown.configuration.thresholds
        let spark = width >= 150 ? 16 : width >= 120 ? 12 : 8
        // (column, priority): lower priorities are dropped first on narrow terminals.
        var layout: [(Table.Column, Int, (ModelRow) -> Table.Item)] = [
            (.init("STATUS", width: 6), 100, { r in let b = Badge(r.severity); return .text(b.text, b.style) }),
            (.init("MODEL", width: 10), 100, { .plain($0.name) }),
            (.init("VERSION", width: 8), 20, { .text($0.versions.first ?? "-", Style(foreground: .role(.dim))) }),
            (.init("NODES", width: 5, rightAligned: true), 40, { .plain(String($0.nodes)) }),
            (.init("EV/S", width: 6, rightAligned: true), 90, { .plain(Text.compact($0.throughput)) }),
            (.init("", width: spark), 60, { .sparkline(Sparkline(values: $0.throughputSeries)) }),
            (.init("ACC", width: 6, rightAligned: true), 95, { .plain(Text.percent($0.accuracy)) }),
            (.init("", width: spark), 30, { .sparkline(Sparkline(values: $0.accuracySeries, range: 0...1)) }),
            (.init("WORST FEATURE", width: 14), 90, { .plain($0.worst?.name ?? "-") }),
            (.init("PSI", width: 5, rightAligned: true), 92, { [thresholds] r in
                .text(r.worst.map { NumberFormatting.fixed($0.psi, digits: 2) } ?? "-",
                      r.worst?.judged == false ? Style(foreground: .role(.dim), dim: true) : psiStyle(r.worst?.psi, thresholds)) }),
            (.init("P99", width: 7, rightAligned: true), 85, { .plain(Text.milliseconds($0.p99)) }),
            (.init("", width: spark), 50, { .sparkline(Sparkline(values: $0.p99Series)) }),
        ]
        func total() -> Int { layout.reduce(0) { $0 + $1.0.width + 1 } }
        while total() > width, let drop = layout.enumerated().filter({ $0.element.1 < 100 }).min(by: { $0.element.1 < $1.element.1 }) {
            layout.remove(at: drop.offset)
        }
        // The model column takes the rest (up to 32).
        if let m = layout.firstIndex(where: { $0.0.title == "MODEL" }) {
            layout[m].0.width = min(32, max(10, layout[m].0.width + width - total()))
        }
        return Table(columns: layout.map(\.0), rows: rows.map { r in layout.map { $0.2(r) } }, selected: state.selectedRow)
    }

    func render(in area: Rect, buffer: inout CellBuffer) {
        let rows = state.rows
        let counts = Dictionary(grouping: rows, by: \.severity).mapValues(\.count)
        var summary = "\(rows.count) model\(rows.count == 1 ? "" : "s")"
        for s in [Severity.alert, .warn, .ok] where counts[s, default: 0] > 0 { summary += "  \(counts[s]!) \(Badge(s).text)" }
        summary += "   sort: \(state.sort.rawValue) (s)"
        if !state.filter.isEmpty { summary += "   filter: \(state.filter)" }
        buffer.write(summary, x: area.x + 1, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        let tableArea = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 1)
        if rows.isEmpty {
            let text = state.shown.models.isEmpty ? "waiting for events…" : "no model matches '\(state.filter)'"
            buffer.write(text, x: tableArea.x, y: tableArea.y + 1, style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        table(width: tableArea.width).render(in: tableArea, buffer: &buffer, context: context)
    }
}

/// Rows of the overview under the mouse.
enum OverviewLayout {
    /// The index in ``DashboardState/rows`` of the row at screen row `y`.
    static func row(at y: Int, state: DashboardState) -> Int? {
        let body = ScreenLayout(state).body
        let tableTop = body.y + 1  // the summary line
        let height = body.height - 1
        let first = Table(columns: [], rows: Array(repeating: [], count: state.rows.count), selected: state.selectedRow)
            .firstRow(height: height)
        let index = first + (y - tableTop - 1)
        return y > tableTop && y < tableTop + height && index < state.rows.count ? index : nil
    }
}

/// PSI coloured by the alert thresholds (bold without colour).
func psiStyle(_ psi: Double?, _ thresholds: AlertThresholds) -> Style {
    guard let psi else { return .plain }
    if psi >= thresholds.psiAlert { return Style(foreground: .role(.alert), bold: true) }
    if psi >= thresholds.psiWarn { return Style(foreground: .role(.warn), bold: true) }
    return .plain
}
