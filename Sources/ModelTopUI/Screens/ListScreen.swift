/// The shared part of the list screens (nodes, all nodes, alerts, malformed lines): a table
/// whose rows are click targets, scrolled to its selection, with the scroll indicator.
enum ListScreen {
    static func render(_ table: Table, in area: Rect, buffer: inout CellBuffer, hits: inout HitMap, context: RenderContext) {
        table.render(in: area, buffer: &buffer, context: context)
        let first = table.firstRow(height: area.height)
        let visible = max(0, area.height - 1)
        for screenRow in 0..<min(visible, max(0, table.rows.count - first)) {
            hits.add(Rect(x: area.x, y: area.y + 1 + screenRow, width: area.width, height: 1), .listRow(first + screenRow))
        }
        ScrollIndicator(first: first, visible: visible, total: table.rows.count)
            .render(at: area.maxX - 1, top: area.y + 1, bottom: area.maxY - 1, buffer: &buffer, context: context)
    }
}
