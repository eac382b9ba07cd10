import ModelTopCore
import ModelTopText

/// Where the detail screen puts its parts for a body area: computed once per frame, used for
/// drawing and for the hit map.
struct DetailGeometry {
    let area: Rect
    let labels: [String]
    let labelWidth: Int
    let sparklineTop: Int
    let heatmapTop: Int
    let heatmapHeight: Int
    let columns: Int
    let firstRow: Int

    init(body: Rect, model: DetailModel, glyphs: Glyphs) {
        area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        labels = model.rows.map { $0.isPrediction ? glyphs.pointer + " " + $0.name : $0.name }
        labelWidth = min(24, max(18, (labels.map { DisplayWidth.of($0) }.max() ?? 0) + 1))
        sparklineTop = area.y + 3
        heatmapTop = sparklineTop + 5
        heatmapHeight = max(1, area.maxY - heatmapTop - 2)
        columns = min(model.rows.first?.values.count ?? 0, max(0, area.width - labelWidth - 1))
        let cursor = min(model.cursorRow, max(labels.count - 1, 0))
        firstRow = cursor < heatmapHeight ? 0 : cursor - heatmapHeight + 1
    }

    /// The heatmap's area: labels, then one column per pane, newest right.
    var heatmap: Rect { Rect(x: area.x, y: heatmapTop, width: labelWidth + 1 + columns, height: heatmapHeight) }

    /// The screen column of the pane `back` panes before the newest.
    func x(paneBack back: Int) -> Int { area.x + labelWidth + columns - back }
}

/// Screen 2: one model's numbers, sparklines over the pane history, and the drift heatmap.
struct DetailScreen {
    let model: DetailModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let g = DetailGeometry(body: body, model: model, glyphs: context.glyphs)
        let area = g.area
        // Title and numbers.
        var x = buffer.write(model.name, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        let badge = Badge(model.status)
        x = buffer.write(" " + badge.text + " ", x: x + 1, y: area.y, style: badge.style, clip: area)
        buffer.write(model.reasons.joined(separator: "; "), x: x + 1, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        let separator = context.glyphs.separator
        buffer.write(model.info.joined(separator: separator), x: area.x, y: area.y + 1, style: .plain, clip: area)
        buffer.write(model.outcomes.joined(separator: separator), x: area.x, y: area.y + 2, style: .plain, clip: area)

        // Sparklines over the pane history, aligned with the heatmap's columns.
        for (i, line) in model.sparklines.enumerated() {
            let y = g.sparklineTop + i
            buffer.write(Text.pad(line.label, to: g.labelWidth), x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
            Sparkline(values: Array(line.values.suffix(g.columns)), range: line.range)
                .render(in: Rect(x: area.x + g.labelWidth + 1, y: y, width: g.columns, height: 1), buffer: &buffer, context: context)
        }

        // The heatmap.
        buffer.write("drift by pane: \(model.metric.rawValue) (m: \(model.metric.other.rawValue))   newest right, "
                     + "\(Format.age(model.paneSeconds)) panes   Enter: feature   n: nodes   Tab: next model",
                     x: area.x, y: g.heatmapTop - 1, style: Style(foreground: .role(.header)), clip: area)
        let rows = zip(model.rows, g.labels).map { row, label in
            Heatmap.Row(label: label, values: Array(row.values.suffix(g.columns)),
                        labelStyle: row.isPrediction ? Style(foreground: .role(.accent)) : .plain)
        }
        Heatmap(rows: rows, thresholds: model.thresholds, labelWidth: g.labelWidth,
                cursor: (model.cursorRow, g.columns - 1 - model.cursorPaneBack), firstRow: g.firstRow,
                dimmedColumn: g.columns - 1)
            .render(in: g.heatmap, buffer: &buffer, context: context)
        for screenRow in 0..<min(g.heatmapHeight, max(0, rows.count - g.firstRow)) {
            for back in 0..<g.columns {
                hits.add(Rect(x: g.x(paneBack: back), y: g.heatmapTop + screenRow, width: 1, height: 1),
                         .cell(row: g.firstRow + screenRow, paneBack: back))
            }
        }
        legend(y: area.maxY - 2, area: area, buffer: &buffer)
        footer(y: area.maxY - 1, area: area, buffer: &buffer)
    }

    private func legend(y: Int, area: Rect, buffer: inout CellBuffer) {
        let thresholds = model.thresholds
        var x = buffer.write("legend ", x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
        for level in 0...thresholds.count {
            let heatmap = Heatmap(rows: [Heatmap.Row(label: "", values: [level == 0 ? 0 : thresholds[level - 1]])],
                                  thresholds: thresholds, labelWidth: 0)
            heatmap.render(in: Rect(x: x - 1, y: y, width: 2, height: 1), buffer: &buffer, context: context)
            let label = level == 0 ? "<\(Format.shortest(thresholds[0]))"
                : context.glyphs.atLeast + Format.shortest(thresholds[level - 1])
            x = buffer.write(label, x: x + 1, y: y, style: Style(foreground: .role(.dim)), clip: area) + 2
        }
        buffer.write("\(context.glyphs.tooFew): too few values  blank: no data  dim: in progress", x: x, y: y,
                     style: Style(foreground: .role(.dim)), clip: area)
    }

    private func footer(y: Int, area: Rect, buffer: inout CellBuffer) {
        guard let cell = model.cursorCell else { return }
        var text = "\(context.glyphs.pointer) \(cell.name) at \(Format.clock(cell.paneStart))  PSI \(Format.stat(cell.psi))"
        if let ks = cell.ks { text += "  KS D \(Format.stat(ks))" }
        text += "  predictions \(cell.predictions)"
        var notes: [String] = []
        if cell.values < cell.minimum && cell.psi != nil { notes.append("not judged: \(cell.values) values, \(cell.minimum) needed") }
        if cell.inProgress { notes.append("pane in progress") }
        if !notes.isEmpty { text += "  (" + notes.joined(separator: "; ") + ")" }
        buffer.write(text, x: area.x, y: y, style: Style(foreground: .role(.accent)), clip: area)
    }
}
