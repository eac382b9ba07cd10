import ModelTopCore

/// Draws the whole dashboard for a state: header, the current screen, prompt and status bar.
/// Pure: the same state gives the same buffer.
public enum DashboardView {
    /// The frame for `state`.
    /// - Complexity: O(width · height) plus the statistics the screen shows (cached per pane).
    public static func render(_ state: DashboardState, context: RenderContext) -> CellBuffer {
        var buffer = CellBuffer(width: state.width, height: state.height)
        let layout = ScreenLayout(state)
        if layout.tooSmall {
            let text = "terminal too small: \(state.width)x\(state.height), need \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight) (q quits)"
            buffer.write(Text.truncate(text, to: state.width), x: 0, y: state.height / 2, style: Style(bold: true))
            return buffer
        }
        header(state, area: layout.header, buffer: &buffer, context: context)
        switch state.screen {
        case .overview: OverviewScreen(state: state, context: context).render(in: layout.body, buffer: &buffer)
        case .detail: DetailScreen(state: state, context: context).render(buffer: &buffer)
        case .feature: FeatureScreen(state: state, context: context).render(buffer: &buffer)
        case .nodes: NodesScreen(state: state, context: context).render(buffer: &buffer)
        case .help: HelpScreen(context: context).render(in: layout.body, buffer: &buffer)
        case .malformed: MalformedScreen(state: state).render(in: layout.body, buffer: &buffer)
        }
        if let prompt = layout.prompt { self.prompt(state, area: prompt, buffer: &buffer) }
        status(state, area: layout.status, buffer: &buffer, context: context)
        return buffer
    }

    static func barStyle(_ context: RenderContext, bold: Bool = false) -> Style {
        context.monochrome ? Style(bold: bold, reverse: true)
            : Style(foreground: .role(.statusForeground), background: .role(.statusBackground), bold: bold)
    }

    private static func header(_ state: DashboardState, area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        buffer.fill(area, with: Cell(" ", style: barStyle(context)))
        var x = buffer.write(" modeltop ", x: area.x, y: area.y, style: barStyle(context, bold: true), clip: area)
        let symbols = state.shown.symbols
        var trail = ["fleet"]
        if state.screen != .overview, state.screen != .help, state.screen != .malformed, let model = state.model {
            trail.append(Text.clean(symbols.name(model.name)))
            if state.screen == .feature, let g = DetailGeometry(state), !g.slots.isEmpty {
                trail.append(g.slots[min(state.cursorRow, g.slots.count - 1)].name)
            }
            if state.screen == .nodes { trail.append("nodes") }
        }
        if state.screen == .help { trail.append("help") }
        if state.screen == .malformed { trail.append("malformed lines") }
        let separator = context.glyphs == .ascii ? " > " : " › "
        x = buffer.write(trail.joined(separator: separator), x: x + 1, y: area.y, style: barStyle(context), clip: area)
        var right = "? help  q quit "
        if state.paused { right = "PAUSED (p)  " + right }
        let rx = area.maxX - DisplayWidth.of(right)
        if rx > x + 1 { buffer.write(right, x: rx, y: area.y, style: barStyle(context, bold: state.paused), clip: area) }
    }

    private static func prompt(_ state: DashboardState, area: Rect, buffer: inout CellBuffer) {
        if state.editingFilter {
            let x = buffer.write("filter models: ", x: area.x + 1, y: area.y, style: Style(foreground: .role(.accent), bold: true), clip: area)
            let end = buffer.write(state.filter, x: x, y: area.y, clip: area)
            buffer.write("_", x: end, y: area.y, style: Style(reverse: true), clip: area)
            buffer.write("   Enter keeps it, Esc clears it", x: end + 1, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        } else if let model = state.confirmRebaseline {
            buffer.write("Re-baseline \(Text.clean(state.monitor.symbols.name(model))) to its current window? Drift history starts over. (y/n)",
                         x: area.x + 1, y: area.y, style: Style(foreground: .role(.warn), bold: true), clip: area)
        } else if let message = state.message {
            buffer.write(message.text, x: area.x + 1, y: area.y, style: Style(foreground: .role(.accent)), clip: area)
        }
    }

    private static func status(_ state: DashboardState, area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        buffer.fill(area, with: Cell(" ", style: barStyle(context)))
        let ingest = state.shownIngest
        let bar = context.glyphs == .ascii ? " | " : " │ "
        // (text, priority): on a narrow terminal the least important parts go first.
        let malformed = ingest.total.malformed
        var parts: [(String, Int)] = [
            ("\(state.sourceCount) source\(state.sourceCount == 1 ? "" : "s")", 3),
            ("\(Text.compact(state.rate.rate(at: state.now))) ev/s", 5),
            (malformed > 0 ? "\(malformed) malformed (e)" : "0 malformed", 6),
            ((state.replay == nil ? "event time " : "replay time ") + (state.shown.clock.map { clockText($0, full: true) } ?? "-"), 7),
        ]
        if state.paused { parts.append(("PAUSED", 9)) }
        if let replay = state.replay {
            let speed = replay.speed.isInfinite ? "max" : "×" + NumberFormatting.shortest(replay.speed)
            parts.insert((replay.paused ? "REPLAY paused (space)" : "REPLAY \(speed) (+/-)", 8), at: 0)
        }
        parts.append(("theme \(state.themeName)", 1))
        while parts.count > 1,
            parts.reduce(0, { $0 + DisplayWidth.of($1.0) + DisplayWidth.of(bar) }) + 1 > area.width,
            let drop = parts.indices.min(by: { parts[$0].1 < parts[$1].1 })
        {
            parts.remove(at: drop)
        }
        var x = area.x + 1
        for (i, (part, _)) in parts.enumerated() {
            if i > 0 { x = buffer.write(bar, x: x, y: area.y, style: barStyle(context), clip: area) }
            let emphasized = part.hasSuffix("(e)") || part == "PAUSED" || part.hasPrefix("REPLAY")
            x = buffer.write(part, x: x, y: area.y, style: barStyle(context, bold: emphasized), clip: area)
        }
    }
}
