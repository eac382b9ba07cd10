import ModelTopCore
import ModelTopText

/// Screen 1: a row per model, worst first.
struct OverviewScreen {
    let model: OverviewModel
    let context: RenderContext

    /// The table: columns chosen for the width, the model name taking what is left.
    func table(width: Int) -> Table {
        let thresholds = model.thresholds
        let spark = width >= 150 ? 16 : width >= 120 ? 12 : 8
        // (column, priority): lower priorities are dropped first on narrow terminals.
        var layout: [(Table.Column, Int, (ModelRow) -> Table.Item)] = [
            (.init("STATUS", width: 7), 100, { r in let b = Badge(r.status); return .text(b.text, b.style) }),
            (.init("MODEL", width: 10), 100, { .plain($0.name) }),
            (.init("VERSION", width: 8), 20, { .text($0.versions.first ?? "-", Style(foreground: .role(.dim))) }),
            (.init("NODES", width: 5, rightAligned: true), 40, { .plain(String($0.nodes)) }),
            (.init("EV/S", width: 6, rightAligned: true), 90, { .plain(Format.compact($0.throughput)) }),
            (.init("", width: spark), 60, { .sparkline(Sparkline(values: $0.throughputSeries)) }),
            (.init("ACC", width: 6, rightAligned: true), 95, { .plain(Format.percent($0.accuracy)) }),
            (.init("", width: spark), 30, { .sparkline(Sparkline(values: $0.accuracySeries, range: $0.task == .regression ? nil : 0...1)) }),
            (.init("WORST FEATURE", width: 14), 90, { .plain($0.worst?.name ?? "-") }),
            (.init("PSI", width: 5, rightAligned: true), 92, { r in
                .text(r.worst.map { Format.fixed($0.psi, digits: 2) } ?? "-",
                      r.worst?.judged == false ? Style(foreground: .role(.dim), dim: true) : psiStyle(r.worst?.psi, thresholds)) }),
            (.init("P99", width: 7, rightAligned: true), 85, { .plain(Format.milliseconds($0.p99)) }),
            (.init("", width: spark), 50, { .sparkline(Sparkline(values: $0.p99Series)) }),
            (.init("REASON", width: 18), 10, { r in
                .text(r.reason ?? "", r.severity == .alert ? Style(foreground: .role(.alert)) : Style(foreground: .role(.warn))) }),
        ]
        func total() -> Int { layout.reduce(0) { $0 + $1.0.width + 1 } }
        while total() > width, let drop = layout.enumerated().filter({ $0.element.1 < 100 }).min(by: { $0.element.1 < $1.element.1 }) {
            layout.remove(at: drop.offset)
        }
        // The model column takes the rest (up to 32).
        if let m = layout.firstIndex(where: { $0.0.title == "MODEL" }) {
            layout[m].0.width = min(32, max(10, layout[m].0.width + width - total()))
        }
        return Table(columns: layout.map(\.0), rows: model.rows.map { r in layout.map { $0.2(r) } }, selected: model.selected)
    }

    func render(in area: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let rows = model.rows
        let counts = model.counts
        var summary = "\(rows.count) model\(rows.count == 1 ? "" : "s")"
        for s in [Severity.alert, .warn, .ok] where counts[s, default: 0] > 0 { summary += "  \(counts[s]!) \(Badge(s).text)" }
        let unjudged = rows.count - counts.values.reduce(0, +)
        if unjudged > 0 { summary += "  \(unjudged) not judged yet" }
        summary += "   sort: \(model.sort.rawValue) (s)"
        if !model.filter.isEmpty { summary += "   filter: \(model.filter)" }
        buffer.write(summary, x: area.x + 1, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        let tableArea = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 1)
        if rows.isEmpty {
            let text = model.waiting ? "waiting for events\(context.glyphs.ellipsis)" : "no model matches '\(model.filter)'"
            buffer.write(text, x: tableArea.x, y: tableArea.y + 1, style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        let table = table(width: tableArea.width)
        table.render(in: tableArea, buffer: &buffer, context: context)
        let first = table.firstRow(height: tableArea.height)
        for screenRow in 0..<min(tableArea.height - 1, max(0, rows.count - first)) {
            // The whole line, from the panel's edge, selects the model.
            hits.add(Rect(x: area.x, y: tableArea.y + 1 + screenRow, width: area.width, height: 1), .model(rows[first + screenRow].model))
        }
    }
}

/// PSI coloured by the alert thresholds (bold without colour).
func psiStyle(_ psi: Double?, _ thresholds: AlertThresholds) -> Style {
    guard let psi else { return .plain }
    if psi >= thresholds.psiAlert { return Style(foreground: .role(.alert), bold: true) }
    if psi >= thresholds.psiWarn { return Style(foreground: .role(.warn), bold: true) }
    return .plain
}
