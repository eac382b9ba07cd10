import ModelTopCore
import ModelTopText

/// Screen 1: a row per model, sorted by any column (worst first by default).
struct OverviewScreen {
    let model: OverviewModel
    let context: RenderContext

    /// A column as laid out: the data column it shows (nil: a sparkline beside one), its
    /// width, how long it survives on a narrow terminal (higher stays), and its cell.
    private struct Layout {
        var column: OverviewColumn?
        var title: String
        var width: Int
        var priority: Int
        var rightAligned = false
        var cell: (ModelRow) -> Table.Item
    }

    private static func layouts(width: Int, thresholds: AlertThresholds, historyTitle: String) -> [Layout] {
        let spark = width >= 150 ? 16 : width >= 120 ? 12 : 6
        return [
            Layout(column: .status, title: "STATUS", width: 7, priority: 100) { r in let b = Badge(r.status); return .text(b.text, b.style) },
            Layout(column: .model, title: "MODEL", width: 10, priority: 100) { .plain($0.name) },
            // The version in short; a model serving several says how many more.
            Layout(column: .version, title: "VER", width: 6, priority: 93) { r in
                let first = r.versions.first ?? "-"
                return .text(r.versions.count > 1 ? Text.truncate(first, to: 3, ellipsis: "") + "+\(r.versions.count - 1)" : first,
                             Style(foreground: .role(.dim)))
            },
            Layout(column: .nodes, title: "NODES", width: 5, priority: 40, rightAligned: true) { .plain(String($0.nodes)) },
            Layout(column: .throughput, title: "EV/S", width: 6, priority: 90, rightAligned: true) { .plain(Format.compact($0.throughput)) },
            Layout(column: nil, title: historyTitle, width: spark, priority: 60) { .sparkline(Sparkline(values: $0.throughputSeries)) },
            // Dimmed while it rests on too few labels to be judged (as an unjudged PSI).
            Layout(column: .accuracy, title: "ACC/MAE", width: 9, priority: 95, rightAligned: true) { r in
                let style = r.accuracyJudged ? Style.plain : Style(foreground: .role(.dim), dim: true)
                if r.task == .regression {
                    return .text(Format.compact(r.meanAbsoluteError) + "/" + Format.compact(r.referenceMeanAbsoluteError), style)
                }
                return .text((r.accuracyIsEstimate ? "~" : "") + Format.percent(r.accuracy), style)
            },
            // Accuracy or MAE over its own range: a drop from 88% to 68% shows.
            Layout(column: nil, title: historyTitle, width: spark, priority: 30) { .sparkline(Sparkline(values: $0.accuracySeries)) },
            Layout(column: .worst, title: "WORST FEATURE", width: 13, priority: 91) { .plain($0.worst?.name ?? "-") },
            Layout(column: .psi, title: "PSI", width: 5, priority: 92, rightAligned: true) { r in
                .text(r.worst.map { Format.fixed($0.psi, digits: 2) } ?? "-",
                      r.worst?.judged == false ? Style(foreground: .role(.dim), dim: true) : psiStyle(r.worst?.psi, thresholds))
            },
            Layout(column: .p99, title: "P99", width: 7, priority: 85, rightAligned: true) { .plain(Format.milliseconds($0.p99)) },
            Layout(column: nil, title: historyTitle, width: spark, priority: 50) { .sparkline(Sparkline(values: $0.p99Series)) },
            Layout(column: .reason, title: "REASON", width: 18, priority: 10) { r in
                .text(r.reason ?? "", r.severity == .alert ? Style(foreground: .role(.alert)) : Style(foreground: .role(.warn)))
            },
        ]
    }

    /// The layouts that fit `width`: the least important dropped first; the model column takes
    /// the rest (up to 32).
    private static func fitted(width: Int, hidden: [OverviewColumn], thresholds: AlertThresholds, historyTitle: String) -> [Layout] {
        var layout = layouts(width: width, thresholds: thresholds, historyTitle: historyTitle)
            .filter { $0.column.map { !hidden.contains($0) || $0 == .status || $0 == .model } ?? true }
        func total() -> Int { layout.reduce(0) { $0 + $1.width + 1 } }
        while total() > width, let drop = layout.enumerated().filter({ $0.element.priority < 100 }).min(by: { $0.element.priority < $1.element.priority }) {
            layout.remove(at: drop.offset)
        }
        if let m = layout.firstIndex(where: { $0.column == .model }) {
            layout[m].width = min(32, max(10, layout[m].width + width - total()))
        }
        return layout
    }

    /// The data columns shown at `width`, in order (what `<` and `>` move the sort through).
    static func columns(width: Int, hidden: [OverviewColumn]) -> [OverviewColumn] {
        fitted(width: width, hidden: hidden, thresholds: AlertThresholds(), historyTitle: "").compactMap(\.column)
    }

    func render(in area: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let rows = model.rows
        buffer.write(summary, x: area.x + 1, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        let tableArea = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 1)
        let history = Format.age(model.historySeconds)  // the span the sparklines cover
        let layout = Self.fitted(width: tableArea.width, hidden: model.hiddenColumns, thresholds: model.thresholds, historyTitle: history)
        // The sort column's title carries the direction.
        let mark = model.sort.descending ? context.glyphs.down : context.glyphs.up
        let columns = layout.map { l in
            Table.Column(l.column == model.sort.column ? l.title + String(mark) : l.title, width: l.width, rightAligned: l.rightAligned)
        }
        var x = tableArea.x
        for l in layout {
            if let column = l.column { hits.add(Rect(x: x, y: tableArea.y, width: l.width, height: 1), .header(column)) }
            x += l.width + 1
        }
        if rows.isEmpty {
            Table(columns: columns, rows: []).render(in: tableArea, buffer: &buffer, context: context)
            let text = model.waiting ? "waiting for events\(context.glyphs.ellipsis)" : "no model matches '\(model.filter)'"
            buffer.write(text, x: tableArea.x, y: tableArea.y + 2, style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        let table = Table(columns: columns, rows: rows.map { r in layout.map { $0.cell(r) } }, selected: model.selected)
        table.render(in: tableArea, buffer: &buffer, context: context)
        let first = table.firstRow(height: tableArea.height)
        for screenRow in 0..<min(tableArea.height - 1, max(0, rows.count - first)) {
            // The whole line, from the panel's edge, selects the model.
            hits.add(Rect(x: area.x, y: tableArea.y + 1 + screenRow, width: area.width, height: 1), .model(rows[first + screenRow].model))
        }
        ScrollIndicator(first: first, visible: tableArea.height - 1, total: rows.count)
            .render(at: area.maxX - 1, top: tableArea.y + 1, bottom: tableArea.maxY - 1, buffer: &buffer, context: context)
    }

    /// `3 models  1 ALERT  2 OK   sort: PSI ▼ (< > r)   filter: fr (2 ALERT hidden)`.
    private var summary: String {
        let rows = model.rows
        let counts = model.counts
        var text = "\(rows.count) model\(rows.count == 1 ? "" : "s")"
        for s in [Severity.alert, .warn, .ok] where counts[s, default: 0] > 0 { text += "  \(counts[s]!) \(Badge(s).text)" }
        let unjudged = rows.count - counts.values.reduce(0, +)
        if unjudged > 0 { text += "  \(unjudged) not judged yet" }
        let mark = model.sort.descending ? context.glyphs.down : context.glyphs.up
        text += "   sort: \(model.sort.column.title) \(mark) (< > r)"
        if !model.filter.isEmpty {
            var hidden: [String] = []
            for s in [Severity.alert, .warn, .ok] where model.hidden[s, default: 0] > 0 { hidden.append("\(model.hidden[s]!) \(Badge(s).text)") }
            if let n = model.hidden[nil], n > 0 { hidden.append("\(n) not judged") }
            text += "   filter: \(model.filter)" + (hidden.isEmpty ? "" : " (" + hidden.joined(separator: ", ") + " hidden)")
        }
        return text
    }
}

/// PSI coloured by the alert thresholds (bold without colour).
func psiStyle(_ psi: Double?, _ thresholds: AlertThresholds) -> Style {
    guard let psi else { return .plain }
    if psi >= thresholds.psiAlert { return Style(foreground: .role(.alert), bold: true) }
    if psi >= thresholds.psiWarn { return Style(foreground: .role(.warn), bold: true) }
    return .plain
}
