import ModelTopText

/// A scrolling text, wrapped by the presenter: the help (`?`, F1), or a malformed line opened
/// whole. PgUp/PgDn, Home/End and the arrows move through it.
struct TextScreen {
    let model: TextModel
    let context: RenderContext

    func render(in area: Rect, buffer: inout CellBuffer) {
        let inner = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: max(area.height - 1, 1))
        let shown = model.lines.dropFirst(model.first).prefix(inner.height)
        for (i, line) in shown.enumerated() {
            let y = inner.y + i
            var x = inner.x
            if model.keyWidth > 0 {
                buffer.write(Text.pad(keys(line.key), to: model.keyWidth), x: x, y: y, style: Style(foreground: .role(.accent)), clip: inner)
                if !line.key.isEmpty || line.kind == .plain || line.kind == .warn { x += model.keyWidth + 1 }
            }
            buffer.write(text(line.text), x: x, y: y, style: style(line.kind), clip: inner)
        }
        ScrollIndicator(first: model.first, visible: inner.height, total: model.lines.count)
            .render(at: area.maxX - 1, top: inner.y, bottom: area.maxY - 1, buffer: &buffer, context: context)
        if model.lines.count > inner.height {
            buffer.write("PgUp PgDn Home End to scroll, Esc back", x: inner.x, y: area.maxY - 1, style: Style(foreground: .role(.dim)),
                         clip: area)
        }
    }

    private func keys(_ text: String) -> String { text.replacingOccurrences(of: KeyMap.arrows, with: context.glyphs.arrows) }
    private func text(_ text: String) -> String { text.replacingOccurrences(of: KeyMap.then, with: context.glyphs.then) }

    private func style(_ kind: TextModel.Kind) -> Style {
        switch kind {
        case .title: Style(foreground: .role(.title), bold: true)
        case .heading: Style(foreground: .role(.header), bold: true)
        case .key: Style(foreground: .role(.accent))
        case .plain: .plain
        case .dim: Style(foreground: .role(.dim))
        case .warn: Style(foreground: .role(.warn), bold: true)
        }
    }
}

/// The last malformed lines, sanitized (`e`); Enter opens the selected one whole.
struct MalformedScreen {
    let model: MalformedModel
    let context: RenderContext

    func render(in area: Rect, buffer: inout CellBuffer, hits: inout HitMap) {
        let inner = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        buffer.write("\(model.total) malformed lines; the last \(model.lines.count), newest first (Enter: the whole line)",
                     x: inner.x, y: inner.y, style: Style(foreground: .role(.title), bold: true), clip: inner)
        let rows: [[Table.Item]] = model.lines.map {
            [.text($0.source, Style(foreground: .role(.dim))), .text($0.reason, Style(foreground: .role(.warn))), .plain($0.text)]
        }
        let table = Table(columns: [.init("SOURCE", width: 12), .init("REASON", width: 24), .init("LINE", width: max(10, inner.width - 38))],
                          rows: rows, selected: model.lines.isEmpty ? nil : model.selected)
        ListScreen.render(table, in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1), buffer: &buffer,
                          hits: &hits, context: context)
    }
}
