import ModelTopText

/// Screen 4: the selected model per serving node, so one slow or silent node stands out.
struct NodesScreen {
    let model: NodesModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        let x = buffer.write(model.model, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        buffer.write("  nodes, current window   Tab: next model   N: all nodes", x: x, y: area.y,
                     style: Style(foreground: .role(.header)), clip: area)
        let rows: [[Table.Item]] = model.rows.map { row in
            row.node.cells + [.plain(Format.milliseconds(row.p50)), .plain(Format.count(row.predictions))]
        }
        let columns = NodeRow.columns + [.init("P50", width: 8, rightAligned: true), .init("PREDICTIONS", width: 11, rightAligned: true)]
        let table = Table(columns: columns, rows: rows, selected: model.rows.isEmpty ? nil : model.selected)
        ListScreen.render(table, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), buffer: &buffer,
                          hits: &hits, context: context)
    }
}

/// Every serving node across models (`N`): its rate summed, its latency merged, its flags from
/// any model, and how many models it serves.
struct FleetNodesScreen {
    let model: FleetNodesModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        buffer.write("all serving nodes, across models, over the current window", x: area.x, y: area.y,
                     style: Style(foreground: .role(.title), bold: true), clip: area)
        let rows: [[Table.Item]] = model.rows.map { row in row.node.cells + [.plain(String(row.models))] }
        let columns = NodeRow.columns + [.init("MODELS", width: 6, rightAligned: true)]
        let table = Table(columns: columns, rows: rows, selected: model.rows.isEmpty ? nil : model.selected)
        ListScreen.render(table, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), buffer: &buffer,
                          hits: &hits, context: context)
    }
}
