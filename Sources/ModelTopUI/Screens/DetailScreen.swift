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
        // A row of deploy marks under the sparklines when a version started in the history.
        heatmapTop = sparklineTop + model.sparklines.count + 1 + (model.deploys.isEmpty ? 0 : 1)
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
        x = buffer.write(model.task, x: x + 1, y: area.y, style: Style(foreground: .role(.header)), clip: area)
        buffer.write(model.reasons.joined(separator: "; "), x: x + 2, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        let separator = context.glyphs.separator
        buffer.write(model.info.joined(separator: separator), x: area.x, y: area.y + 1, style: .plain, clip: area)
        buffer.write(model.outcomes.joined(separator: separator), x: area.x, y: area.y + 2, style: .plain, clip: area)

        // Sparklines over the pane history, aligned with the heatmap's columns.
        for (i, line) in model.sparklines.enumerated() {
            let y = g.sparklineTop + i
            buffer.write(Text.pad(line.label, to: g.labelWidth), x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
            let plot = Rect(x: area.x + g.labelWidth + 1, y: y, width: g.columns, height: 1)
            Sparkline(values: Array(line.values.suffix(g.columns)), range: line.range).render(in: plot, buffer: &buffer, context: context)
            // The series' own range, when it is scaled to it (accuracy, MAE).
            if let range = line.rangeText, plot.maxX + 2 + DisplayWidth.of(range) <= area.maxX {
                buffer.write(range, x: plot.maxX + 1, y: y, style: Style(foreground: .role(.dim)), clip: area)
            }
        }

        drawDeploys(g, buffer: &buffer)

        // The heatmap.
        // Whole parts only, most important first: what is drawn, the filter, then key hints.
        var parts = ["drift by pane: \(model.metric.rawValue) (m: \(model.metric.other.rawValue))"]
        if !model.filter.isEmpty { parts.append("filter: \(model.filter) (\(model.hiddenRows) hidden, n N: next previous)") }
        parts.append("newest right, \(Format.age(model.paneSeconds)) panes")
        if model.filter.isEmpty { parts += ["/: filter", "Enter: feature", "n: nodes"] }
        var title = ""
        for part in parts where DisplayWidth.of(title) + 3 + DisplayWidth.of(part) <= area.width || title.isEmpty {
            title += (title.isEmpty ? "" : "   ") + part
        }
        buffer.write(title, x: area.x, y: g.heatmapTop - 1, style: Style(foreground: .role(.header)), clip: area)
        let rows = zip(model.rows, g.labels).map { row, label in
            Heatmap.Row(label: label, values: Array(row.values.suffix(g.columns)),
                        labelStyle: row.isPrediction ? Style(foreground: .role(.accent)) : .plain)
        }
        Heatmap(rows: rows, thresholds: model.thresholds, labelWidth: g.labelWidth,
                cursor: (model.cursorRow, g.columns - 1 - model.cursorPaneBack), firstRow: g.firstRow,
                dimmedColumn: g.columns - 1, warnLevel: Self.warnLevel, alertLevel: Self.alertLevel)
            .render(in: g.heatmap, buffer: &buffer, context: context)
        ScrollIndicator(first: g.firstRow, visible: g.heatmapHeight, total: rows.count)
            .render(at: area.maxX, top: g.heatmapTop, bottom: g.heatmapTop + g.heatmapHeight - 1, buffer: &buffer, context: context)
        for screenRow in 0..<min(g.heatmapHeight, max(0, rows.count - g.firstRow)) {
            for back in 0..<g.columns {
                hits.add(Rect(x: g.x(paneBack: back), y: g.heatmapTop + screenRow, width: 1, height: 1),
                         .cell(row: g.firstRow + screenRow, paneBack: back))
            }
        }
        legend(y: area.maxY - 2, area: area, buffer: &buffer)
        footer(y: area.maxY - 1, area: area, buffer: &buffer)
    }

    /// A mark at each deploy's pane, in the column the sparklines above and the heatmap below
    /// use for it, with the version's name when there is room.
    private func drawDeploys(_ g: DetailGeometry, buffer: inout CellBuffer) {
        guard !model.deploys.isEmpty else { return }
        let y = g.sparklineTop + model.sparklines.count
        let area = g.area
        buffer.write(Text.pad("deploys", to: g.labelWidth), x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
        let count = model.rows.first?.values.count ?? 0
        let hidden = max(count - g.columns, 0)
        let plotX = area.x + g.labelWidth + 1
        let shown = model.deploys.filter { $0.column >= hidden }.map { (x: plotX + $0.column - hidden, version: $0.version) }
        // Names first, each up to the next mark; then the marks, which are never covered.
        for (i, deploy) in shown.enumerated() {
            let end = i + 1 < shown.count ? shown[i + 1].x - 1 : plotX + g.columns
            let label = String(deploy.version.prefix(max(end - deploy.x - 1, 0)))
            buffer.write(label, x: deploy.x + 1, y: y, style: Style(foreground: .role(.accent)), clip: area)
        }
        for deploy in shown {
            buffer[deploy.x, y] = Cell(context.glyphs.down, style: Style(foreground: .role(.accent), bold: true))
        }
    }

    /// The heatmap levels at the warn (0.1) and alert (0.25) PSI thresholds.
    static let warnLevel = 3
    static let alertLevel = 5

    /// Every level's cell with its threshold (WARN and ALERT named at theirs), then the other
    /// marks: each level has its own glyph without colour.
    private func legend(y: Int, area: Rect, buffer: inout CellBuffer) {
        let thresholds = model.thresholds
        var x = buffer.write("legend ", x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
        for level in 0...thresholds.count {
            let heatmap = Heatmap(rows: [Heatmap.Row(label: "", values: [level == 0 ? 0 : thresholds[level - 1]])],
                                  thresholds: thresholds, labelWidth: 0, warnLevel: Self.warnLevel, alertLevel: Self.alertLevel)
            heatmap.render(in: Rect(x: x - 1, y: y, width: 2, height: 1), buffer: &buffer, context: context)
            var label = level == 0 ? "<\(Format.shortest(thresholds[0]))" : context.glyphs.atLeast + Format.shortest(thresholds[level - 1])
            if model.metric == .psi && level == Self.warnLevel { label += " WARN" }
            if model.metric == .psi && level == Self.alertLevel { label += " ALERT" }
            x = buffer.write(label, x: x + 1, y: y, style: Style(foreground: .role(.dim)), clip: area) + 1
        }
        // The rest fits 80 columns; wider terminals also say what blank and dim mean (the help
        // says it too).
        var marks = "\(context.glyphs.tooFew) few \(context.glyphs.notApplicable) n/a"
        if x + DisplayWidth.of(marks) + 32 <= area.maxX { marks += "  blank: no data  dim: in progress" }
        buffer.write(marks, x: x, y: y, style: Style(foreground: .role(.dim)), clip: area)
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
