import ModelTopText

/// Screen 4: the selected model per serving node, so one slow or silent node stands out.
struct NodesScreen {
    let model: NodesModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        var x = buffer.write(model.model, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        x = buffer.write("  nodes over the current window   Tab: next model   Esc: back", x: x, y: area.y,
                         style: Style(foreground: .role(.header)), clip: area)
        let alert = Style(foreground: .role(.alert), bold: true)
        let rows: [[Table.Item]] = model.rows.map { node in
            var flags: [String] = []
            if node.silent { flags.append("SILENT") }
            if node.slow { flags.append("SLOW") }
            if node.errors { flags.append("ERRORS") }
            return [
                .plain(node.name),
                .plain(Format.compact(node.eventsPerSecond)),
                .plain(String(node.predictions)),
                .plain(Format.milliseconds(node.p50)),
                .text(Format.milliseconds(node.p99), node.slow ? alert : .plain),
                .text(node.errorRate.map { Format.percent($0) } ?? "-", node.errors ? alert : .plain),
                .text(Format.age(node.lastSeenAgo) + " ago", node.silent ? alert : .plain),
                .text(flags.isEmpty ? "OK" : flags.joined(separator: " "),
                      flags.isEmpty ? Style(foreground: .role(.ok)) : Style(foreground: .role(.alert), bold: true, reverse: true)),
            ]
        }
        let table = Table(columns: [
            .init("NODE", width: 20), .init("EV/S", width: 7, rightAligned: true), .init("PREDICTIONS", width: 11, rightAligned: true),
            .init("P50", width: 8, rightAligned: true), .init("P99", width: 8, rightAligned: true),
            .init("ERRORS", width: 7, rightAligned: true), .init("LAST SEEN", width: 10, rightAligned: true), .init("", width: 12),
        ], rows: rows)
        table.render(in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), buffer: &buffer, context: context)
    }
}
