import ModelTopCore

/// Screen 4: the selected model per serving node, so one slow or silent node stands out.
struct NodesScreen {
    let state: DashboardState
    let context: RenderContext

    func render(buffer: inout CellBuffer) {
        let body = ScreenLayout(state).body
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        guard let model = state.model, let clock = state.shown.clock else { return }
        let monitor = state.shown
        let symbols = monitor.symbols
        guard let snapshot = state.cache.snapshot(model.name, monitor, frozen: state.paused) else { return }
        let seconds = max(snapshot.seconds, 1)
        var x = buffer.write(Text.clean(symbols.name(model.name)), x: area.x, y: area.y,
                             style: Style(foreground: .role(.title), bold: true), clip: area)
        x = buffer.write("  nodes over the current window   Tab: next model   Esc: back", x: x, y: area.y,
                         style: Style(foreground: .role(.header)), clip: area)
        // Every node the model has ever used, silent ones included.
        let nodes = model.nodeLastSeen.keys.sorted { symbols.name($0) < symbols.name($1) }
        let p99ByNode = Dictionary(uniqueKeysWithValues: snapshot.nodes.compactMap { n in n.pane.latency.quantile(0.99).map { (n.name, $0) } })
        // Slow: a p99 more than twice the median p99 of the other nodes.
        func othersMedian(_ node: Symbol) -> Double? {
            let others = p99ByNode.filter { $0.key != node }.map(\.value).sorted()
            return others.isEmpty ? nil : others[(others.count - 1) / 2]
        }
        let silentAfter = 2 * monitor.configuration.paneSeconds
        let rows: [[Table.Item]] = nodes.map { node in
            let pane = snapshot.nodes.first { $0.name == node }?.pane ?? NodePane()
            let lastSeen = model.nodeLastSeen[node] ?? -.infinity
            let p99 = pane.latency.quantile(0.99)
            var flags: [String] = []
            if clock - lastSeen > silentAfter { flags.append("SILENT") }
            if let p99, let median = othersMedian(node), p99 > 2 * median { flags.append("SLOW") }
            let flagStyle = flags.isEmpty ? Style(foreground: .role(.ok)) : Style(foreground: .role(.alert), bold: true, reverse: true)
            return [
                .plain(Text.clean(symbols.name(node))),
                .plain(Text.compact(Double(pane.events) / seconds)),
                .plain(String(pane.predictions)),
                .plain(Text.milliseconds(pane.latency.quantile(0.5))),
                .text(Text.milliseconds(p99), flags.contains("SLOW") ? Style(foreground: .role(.alert), bold: true) : .plain),
                .plain(pane.errorRate.count > 0 ? Text.percent(pane.errorRate.mean) : "-"),
                .text(Text.age(clock - lastSeen) + " ago", flags.contains("SILENT") ? Style(foreground: .role(.alert), bold: true) : .plain),
                .text(flags.isEmpty ? "OK" : flags.joined(separator: " "), flagStyle),
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
