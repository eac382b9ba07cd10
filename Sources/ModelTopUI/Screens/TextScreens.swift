/// Screen 5: every key, and what the colours mean.
struct HelpScreen {
    let context: RenderContext

    func render(in area: Rect, buffer: inout CellBuffer) {
        let inner = Rect(x: area.x + 2, y: area.y, width: area.width - 4, height: area.height)
        buffer.write("keys", x: inner.x, y: inner.y, style: Style(foreground: .role(.title), bold: true), clip: inner)
        for (i, entry) in KeyMap.entries.enumerated() {
            let keys = entry.keys.replacingOccurrences(of: KeyMap.arrows, with: context.glyphs.arrows)
            buffer.write(Text.pad(keys, to: 24), x: inner.x, y: inner.y + 1 + i, style: Style(foreground: .role(.accent)), clip: inner)
            buffer.write(entry.action.replacingOccurrences(of: KeyMap.then, with: context.glyphs.then), x: inner.x + 25,
                         y: inner.y + 1 + i, clip: inner)
        }
        let notes = [
            "OK / WARN / ALERT: a feature's or the prediction's PSI >= 0.1 / >= 0.25, or accuracy 5 / 10 points below the",
            "reference (configurable). The heatmap shows PSI (or KS D) of each pane against the model's reference.",
            "Event time drives everything: the clock in the status bar is the newest event's time.",
        ]
        for (i, note) in notes.enumerated() {
            buffer.write(note, x: inner.x, y: inner.y + 2 + KeyMap.entries.count + i, style: Style(foreground: .role(.dim)), clip: inner)
        }
    }
}

/// The last malformed lines, sanitized (`e`).
struct MalformedScreen {
    let model: MalformedModel

    func render(in area: Rect, buffer: inout CellBuffer) {
        let inner = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height)
        buffer.write("\(model.total) malformed lines; the last \(min(model.lines.count, inner.height - 1)):",
                     x: inner.x, y: inner.y, style: Style(foreground: .role(.title), bold: true), clip: inner)
        for (i, line) in model.lines.prefix(inner.height - 1).enumerated() {
            var x = buffer.write(Text.pad(line.source, to: 12), x: inner.x, y: inner.y + 1 + i, style: Style(foreground: .role(.dim)), clip: inner)
            x = buffer.write(Text.pad(line.reason, to: 28), x: x + 1, y: inner.y + 1 + i, style: Style(foreground: .role(.warn)), clip: inner)
            buffer.write(line.text, x: x + 1, y: inner.y + 1 + i, clip: inner)
        }
    }
}
