import ModelTopCore
import ModelTopText

/// The alert timeline (`a`): every severity change of a model, feature or node, newest first;
/// Enter opens the model at the change's pane.
struct AlertsScreen {
    let model: AlertsModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        var title = "\(model.entries.count) severity change\(model.entries.count == 1 ? "" : "s"), newest first   Enter: the model at that pane"
        if model.dropped > 0 { title += "   (\(model.dropped) older ones dropped)" }
        buffer.write(title, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        guard !model.entries.isEmpty else {
            buffer.write("no change yet: models, features and nodes are watched from their first judgement",
                         x: area.x, y: area.y + 2, style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        // Narrow terminals drop the year, never the reason (the column that says why).
        let wide = area.width >= 100
        let rows: [[Table.Item]] = model.entries.map { e in
            let to = Badge(e.to)
            let from = e.from.map { Badge($0).text } ?? "-"
            let time = Format.dateTime(e.time)
            return [
                .plain(wide ? time : String(time.dropFirst(5))),
                .plain(e.model),
                .text(from + context.glyphs.then + to.text, to.style),
                .plain(e.subject),
                .text(e.reason ?? "", Style(foreground: .role(.dim))),
            ]
        }
        let widths = wide ? [19, 14, 15, 18] : [14, 12, 13, 16]
        let why = area.width - widths.reduce(0, +) - widths.count
        let table = Table(columns: [
            .init("EVENT TIME", width: widths[0]), .init("MODEL", width: widths[1]), .init("CHANGE", width: widths[2]),
            .init("WHAT", width: widths[3]), .init("WHY", width: max(10, why)),
        ], rows: rows, selected: model.selected)
        ListScreen.render(table, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), buffer: &buffer,
                          hits: &hits, context: context)
    }
}
