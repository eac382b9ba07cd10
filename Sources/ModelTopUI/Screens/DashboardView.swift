import ModelTopCore
import ModelTopText

/// Draws a frame from its view models: header, the current screen, prompt and status bar.
/// Pure and cheap: no statistics, no interning — the same model gives the same frame.
public enum DashboardView {
    /// The frame for `model`.
    /// - Complexity: O(width · height).
    public static func render(_ model: DashboardModel, context: RenderContext) -> Frame {
        var buffer = CellBuffer(width: model.width, height: model.height)
        var hits = HitMap()
        let layout = ScreenLayout(model)
        if layout.tooSmall {
            let text = "terminal too small: \(model.width)x\(model.height), need \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight) (q quits)"
            buffer.write(Text.truncate(text, to: model.width), x: 0, y: model.height / 2, style: Style(bold: true))
            return Frame(buffer: buffer)
        }
        header(model.chrome, area: layout.header, buffer: &buffer, context: context)
        let body = layout.body
        switch model.content {
        case .overview(let overview): OverviewScreen(model: overview, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .detail(let detail): DetailScreen(model: detail, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .feature(let feature): FeatureScreen(model: feature, context: context).render(in: body, buffer: &buffer)
        case .nodes(let nodes): NodesScreen(model: nodes, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .fleetNodes(let nodes): FleetNodesScreen(model: nodes, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .versions(let versions): VersionsScreen(model: versions, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .help(let text), .malformedLine(let text): TextScreen(model: text, context: context).render(in: body, buffer: &buffer)
        case .malformed(let malformed): MalformedScreen(model: malformed, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .alerts(let alerts): AlertsScreen(model: alerts, context: context).render(in: body, buffer: &buffer, hits: &hits)
        case .sources(let sources): SourcesScreen(model: sources, context: context).render(in: body, buffer: &buffer)
        case .empty: break
        }
        if let prompt = layout.prompt, let text = model.chrome.prompt { self.prompt(text, area: prompt, buffer: &buffer) }
        status(model.chrome.status, area: layout.status, buffer: &buffer, context: context)
        if context.ascii { buffer.transliterateToASCII() }
        return Frame(buffer: buffer, hits: hits)
    }

    static func barStyle(_ context: RenderContext, bold: Bool = false) -> Style {
        context.monochrome ? Style(bold: bold, reverse: true)
            : Style(foreground: .role(.statusForeground), background: .role(.statusBackground), bold: bold)
    }

    private static func header(_ chrome: ChromeModel, area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        buffer.fill(area, with: Cell(" ", style: barStyle(context)))
        var x = buffer.write(" modeltop ", x: area.x, y: area.y, style: barStyle(context, bold: true), clip: area)
        x = buffer.write(chrome.trail.joined(separator: context.glyphs.crumb), x: x + 1, y: area.y, style: barStyle(context),
                         clip: area)
        var right = "? help  q quit "
        if chrome.paused { right = "PAUSED (p)  " + right }
        let rx = area.maxX - DisplayWidth.of(right)
        if rx > x + 1 { buffer.write(right, x: rx, y: area.y, style: barStyle(context, bold: chrome.paused), clip: area) }
    }

    private static func prompt(_ prompt: ChromeModel.Prompt, area: Rect, buffer: inout CellBuffer) {
        switch prompt {
        case .filter(let filter, let features):
            let x = buffer.write(features ? "filter features: " : "filter models: ", x: area.x + 1, y: area.y,
                                 style: Style(foreground: .role(.accent), bold: true), clip: area)
            let end = buffer.write(filter, x: x, y: area.y, clip: area)
            buffer.write("_", x: end, y: area.y, style: Style(reverse: true), clip: area)
            buffer.write("   text or regex; Enter keeps it, Esc clears it", x: end + 1, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        case .confirmRebaseline(let model):
            buffer.write("Re-baseline \(model) to its current window? Drift history starts over. (y/n)",
                         x: area.x + 1, y: area.y, style: Style(foreground: .role(.warn), bold: true), clip: area)
        case .message(let text):
            buffer.write(text, x: area.x + 1, y: area.y, style: Style(foreground: .role(.accent)), clip: area)
        }
    }

    /// A status item as text, with the priority it keeps on a narrow terminal (higher stays).
    private static func text(_ item: ChromeModel.StatusItem, glyphs: Glyphs) -> (text: String, priority: Int, bold: Bool) {
        switch item {
        case .sources(let n): ("\(n) source\(n == 1 ? "" : "s")", 3, false)
        case .rate(let rate): ("\(Format.compact(rate)) read/s", 5, false)
        case .malformed(let n): (n > 0 ? "\(n) malformed (e)" : "0 malformed", 6, n > 0)
        case .rejected(let n): ("\(n) rejected (i)", 6, true)
        case .hosts(let up, let total): ("\(up)/\(total) hosts up", 7, up < total)
        case .workers(let live, let total, let malformed):
            ("\(live)/\(total) workers live" + (malformed > 0 ? ", \(malformed) malformed (i)" : ""), 7, live < total || malformed > 0)
        case .alerts(let n): ("\(n) new alert\(n == 1 ? "" : "s") (a)", 8, true)
        case .clock(let t, let replay): ((replay ? "replay time " : "event time ") + (t.map(Format.dateTime) ?? "-"), 7, false)
        case .paused: ("PAUSED", 9, true)
        case .replay(let speed, let paused):
            (paused ? "REPLAY paused (space)" : "REPLAY \(speed.isInfinite ? "max" : glyphs.times + Format.shortest(speed)) (+/-)", 8, true)
        case .theme(let name): ("theme \(name)", 1, false)
        case .reason(let model, let text, _): ("\(model): \(text)", 6, true)
        }
    }

    private static func status(_ items: [ChromeModel.StatusItem], area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        buffer.fill(area, with: Cell(" ", style: barStyle(context)))
        let bar = context.glyphs.statusSeparator
        var parts = items.map { text($0, glyphs: context.glyphs) }
        // On a narrow terminal the least important parts go first.
        while parts.count > 1,
            parts.reduce(0, { $0 + DisplayWidth.of($1.text) + DisplayWidth.of(bar) }) + 1 > area.width,
            let drop = parts.indices.min(by: { parts[$0].priority < parts[$1].priority })
        {
            parts.remove(at: drop)
        }
        var x = area.x + 1
        for (i, part) in parts.enumerated() {
            if i > 0 { x = buffer.write(bar, x: x, y: area.y, style: barStyle(context), clip: area) }
            x = buffer.write(part.text, x: x, y: area.y, style: barStyle(context, bold: part.bold), clip: area)
        }
    }
}
