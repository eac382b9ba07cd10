import ModelTopText

/// One model's versions side by side (`v` in the detail view): a column per version, a row
/// per figure (values significantly worse than the baseline, or past a threshold, in the
/// alert colour), and the candidates' verdicts under the table.
struct VersionsScreen {
    let model: VersionsModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        let x = buffer.write(model.model, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        buffer.write("  versions, \(model.window)   Tab: next model   Esc: back", x: x, y: area.y,
                     style: Style(foreground: .role(.header)), clip: area)
        guard !model.columns.isEmpty else {
            buffer.write("no version named in the events of the window (the \"version\" field)", x: area.x, y: area.y + 2,
                         style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        // The verdicts, wrapped, at the bottom; the table takes the rest.
        let verdictLines = model.verdicts.flatMap { Text.wrap($0, width: max(20, area.width - 1)) }
        let verdictHeight = min(verdictLines.count, max(0, area.height - 6))
        let labelWidth = 20
        let columnWidth = max(10, min(24, (area.width - labelWidth - 2) / max(model.columns.count, 1) - 1))
        let alert = Style(foreground: .role(.alert), bold: true)
        let rows: [[Table.Item]] = model.rows.map { row in
            [.text(row.label, Style(foreground: .role(.dim)))] + zip(row.values, row.flagged).map { value, flagged in
                flagged ? .text(value, alert) : .plain(value)
            }
        }
        let columns = [Table.Column("", width: labelWidth)] + model.columns.map { Table.Column($0, width: columnWidth, rightAligned: true) }
        let table = Table(columns: columns, rows: rows, selected: model.first)
        let tableArea = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2 - (verdictHeight > 0 ? verdictHeight + 1 : 0))
        ListScreen.render(table, in: tableArea, buffer: &buffer, hits: &hits, context: context)
        for (i, line) in verdictLines.prefix(verdictHeight).enumerated() {
            buffer.write(line, x: area.x, y: area.maxY - verdictHeight + i, style: Style(foreground: .role(.accent)), clip: area)
        }
    }
}
