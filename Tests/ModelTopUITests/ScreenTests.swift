import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopUI

/// Screens drawn from the presenter's view models of a fixed fleet, as text snapshots, and the
/// reducer driven by keys.
@Suite struct ScreenTests {
    @Test func overview() {
        let dashboard = DashboardFixture.dashboard()
        expectSnapshot(dashboard.render().buffer.text, named: "screen-overview-120x40")
        #expect(dashboard.rowNames == ["fraud", "churn", "price"])  // worst first
        guard case .overview(let overview) = dashboard.model.content else {
            Issue.record("not the overview")
            return
        }
        #expect(overview.rows[0].severity == .alert)
    }

    @Test func overviewAt80x24AsciiAndMonochrome() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        let unicode = dashboard.render().buffer
        let ascii = dashboard.render(RenderContext(glyphs: .ascii, monochrome: true)).buffer
        expectSnapshot(unicode.text, named: "screen-overview-80x24")
        expectSnapshot(ascii.text + "\n--\n" + ascii.attributeMap, named: "screen-overview-80x24-ascii-mono")
        #expect(unicode.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        dashboard.send(.resize(width: 60, height: 20))
        #expect(dashboard.render().buffer.text.contains("terminal too small: 60x20, need 80x24"))
    }

    @Test func detailFeatureAndNodes() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.enter)
        #expect(dashboard.state.screen == .detail)
        let detail = dashboard.render().buffer
        expectSnapshot(detail.text, named: "screen-detail")
        expectSnapshot(detail.heatMap, named: "screen-detail-heat")
        dashboard.keys(.character("m"))
        #expect(dashboard.render().buffer.text.contains("drift by pane: KS D"))
        dashboard.keys(.character("m"), .enter)
        #expect(dashboard.state.screen == .feature)
        expectSnapshot(dashboard.render().buffer.text, named: "screen-feature-pane")
        dashboard.keys(.character("w"))
        expectSnapshot(dashboard.render().buffer.text, named: "screen-feature-window")
        dashboard.keys(.escape, .character("n"))
        #expect(dashboard.state.screen == .nodes)
        let nodes = dashboard.render().buffer
        expectSnapshot(nodes.text, named: "screen-nodes")
        #expect(nodes.text.contains("SILENT"))
        #expect(nodes.text.contains("SLOW"))
    }

    /// A node with too few latencies in the window to judge it slow says so (a dim `n=40`),
    /// rather than OK; a flag it has still shows.
    @Test func nodesNotJudgedSlowYetSaySo() {
        func flags(_ row: NodeRow) -> String {
            guard case .text(let text, _) = row.cells[1] else { return "" }
            return text
        }
        var row = NodeRow(name: "eu-1", eventsPerSecond: 1, p99: 50, errorRate: nil, lastSeenAgo: 1, silent: false,
                          slow: false, errors: false)
        #expect(flags(row) == "OK")
        row.unjudgedLatencies = 40
        #expect(flags(row) == "n=40")
        row.silent = true
        #expect(flags(row) == "SILENT")
    }

    /// The detail view and the drill-down in ASCII, as snapshots.
    @Test func detailAndFeatureInASCII() {
        var dashboard = DashboardFixture.dashboard()
        let ascii = RenderContext(glyphs: .ascii, monochrome: true)
        dashboard.keys(.enter)
        expectSnapshot(dashboard.render(ascii).buffer.text, named: "screen-detail-ascii")
        dashboard.keys(.enter)
        expectSnapshot(dashboard.render(ascii).buffer.text, named: "screen-feature-pane-ascii")
    }

    /// `--ascii` draws nothing but ASCII on any screen, whatever the names in the logs hold.
    @Test func everyScreenIsASCIIInASCIIMode() {
        var dashboard = DashboardFixture.dashboard()
        let symbols = dashboard.monitor.symbols
        var batch = EventBatch()
        batch.append(Event(kind: .prediction, model: symbols.intern("モデル–ü"), node: symbols.intern("nœud"),
                           version: symbols.intern("v→2"), time: DashboardFixture.start + 7200, prediction: .number(1)),
                     features: [.init(name: symbols.intern("größe…"), value: .string(symbols.intern("日本")))])
        dashboard.monitor.apply(batch)
        dashboard.present()
        let context = RenderContext(glyphs: .ascii, monochrome: false)
        func check(_ what: String) {
            let frame = dashboard.render(context).buffer
            let offending = frame.cells.filter { !$0.character.isASCII }
            #expect(offending.isEmpty, "\(what): \(Set(offending.map(\.character)))")
        }
        check("overview")
        dashboard.keys(.character("/"))
        check("filter prompt")
        dashboard.keys(.escape, .character("s"), .character("s"))  // by name: the odd model last
        check("sorted")
        for row in 0..<4 {
            dashboard.keys(.home)
            for _ in 0..<row { dashboard.keys(.down) }
            dashboard.keys(.enter)
            check("detail \(row)")
            dashboard.keys(.character("m"))
            check("detail KS \(row)")
            dashboard.keys(.enter)
            check("feature \(row)")
            dashboard.keys(.character("w"))
            check("feature window \(row)")
            dashboard.keys(.escape, .character("n"))
            check("nodes \(row)")
            dashboard.keys(.escape, .escape)
        }
        dashboard.keys(.character("?"))
        check("help")
        dashboard.keys(.escape, .character("e"))
        check("malformed")
        dashboard.keys(.escape, .character("b"))
        check("re-baseline prompt")
        dashboard.keys(.character("n"), .character("t"))
        check("message")
    }

    @Test func helpAndMalformed() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.character("?"))
        expectSnapshot(dashboard.render().buffer.text, named: "screen-help")
        dashboard.keys(.escape, .character("e"))
        expectSnapshot(dashboard.render().buffer.text, named: "screen-malformed")
        dashboard.keys(.escape)
        #expect(dashboard.state.screen == .overview)
    }

    @Test func navigationSortFilterAndModelSwitching() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.down)
        #expect(dashboard.currentName == "churn")
        dashboard.keys(.character(">"))
        #expect(dashboard.state.sort == SortSpec(column: .model, descending: false))
        #expect(dashboard.rowNames == ["churn", "fraud", "price"])
        #expect(dashboard.currentName == "churn")  // the selection follows the model
        dashboard.keys(.character("/"), .character("p"), .character("r"))
        #expect(dashboard.state.editingFilter)
        #expect(dashboard.rowNames == ["price"])
        #expect(dashboard.render().buffer.text.contains("filter models: pr_"))
        dashboard.keys(.enter)
        #expect(!dashboard.state.editingFilter)
        dashboard.keys(.escape)
        #expect(dashboard.state.filter.isEmpty)
        dashboard.keys(.enter)  // churn's detail
        #expect(dashboard.currentName == "churn")
        dashboard.keys(.tab)
        #expect(dashboard.currentName == "fraud")
        dashboard.keys(.character("["))
        #expect(dashboard.currentName == "churn")
        #expect(dashboard.state.screen == .detail)
        dashboard.keys(.character("q"))
        #expect(dashboard.effects.last == .quit)
    }

    @Test func rebaselineAsksFirst() {
        var dashboard = DashboardFixture.dashboard()
        let fraud = dashboard.monitor.symbols.intern("fraud")
        dashboard.keys(.character("b"))
        #expect(dashboard.render().buffer.text.contains("Re-baseline fraud to its current window?"))
        dashboard.keys(.character("n"))
        #expect(dashboard.effects.isEmpty)
        #expect(dashboard.render().buffer.text.contains("re-baseline cancelled"))
        dashboard.keys(.character("b"), .character("y"))
        #expect(dashboard.effects == [.rebaseline(fraud)])
        #expect(dashboard.render().buffer.text.contains("re-baselined fraud to its current window"))
    }

    /// Clicks become semantic events through the frame's hit map: the reducer never computes layout.
    @Test func mouseClicksSelectRowsAndCells() throws {
        var dashboard = DashboardFixture.dashboard()
        func click(_ x: Int, _ y: Int) {
            if let target = dashboard.render().hits.target(x: x, y: y) { dashboard.send(.clicked(target)) }
        }
        click(10, 4)  // the second model row
        #expect(dashboard.currentName == "churn")
        click(10, 4)  // clicking the selected row opens it
        #expect(dashboard.state.screen == .detail)
        guard case .detail(let detail) = dashboard.model.content else {
            Issue.record("not the detail view")
            return
        }
        let g = DetailGeometry(body: ScreenLayout(dashboard.model).body, model: detail, glyphs: .unicode)
        click(g.x(paneBack: 5), g.heatmapTop + 1)
        #expect((dashboard.state.cursorRow, dashboard.state.cursorPaneBack) == (1, 5))
        click(g.x(paneBack: 5), g.heatmapTop + 1)  // clicking the cursor's cell opens it
        #expect(dashboard.state.screen == .feature)
        #expect(dashboard.render().hits.target(x: 0, y: 0) == nil)
    }

    /// The heatmap cursor stays on the heatmap, in the detail view and the drill-down, and
    /// when Tab moves to a model with fewer rows.
    @Test func heatmapCursorStaysInside() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.enter)
        let rows = dashboard.state.navigation.heatmapRows, panes = dashboard.monitor.configuration.panes
        #expect(rows == 3)
        dashboard.keys(.up, .right)
        #expect((dashboard.state.cursorRow, dashboard.state.cursorPaneBack) == (0, 0))
        for _ in 0..<(rows + 3) { dashboard.keys(.down) }
        for _ in 0..<(panes + 3) { dashboard.keys(.left) }
        #expect((dashboard.state.cursorRow, dashboard.state.cursorPaneBack) == (rows - 1, panes - 1))
        dashboard.keys(.end, .scrollUp)
        #expect((dashboard.state.cursorRow, dashboard.state.cursorPaneBack) == (rows - 2, 0))
        dashboard.keys(.enter, .character("k"), .character("l"), .character("h"), .character("h"))
        #expect(dashboard.state.screen == .feature)
        #expect((dashboard.state.cursorRow, dashboard.state.cursorPaneBack) == (rows - 3, 2))
        for _ in 0..<(rows + 3) { dashboard.keys(.character("j")) }
        #expect(dashboard.state.cursorRow == rows - 1)
        for _ in 0..<3 {
            dashboard.keys(.tab)
            #expect(dashboard.state.cursorRow < dashboard.state.navigation.heatmapRows)
        }
    }

    @Test func replayKeysReturnEffects() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.character(" "))
        #expect(dashboard.effects.isEmpty)  // not a replay: space does nothing
        dashboard = Dashboard(monitor: dashboard.monitor, ingest: dashboard.ingest,
                              state: DashboardState(width: 120, height: 40, sourceCount: 4, replay: ReplaySettings(speed: 60)))
        #expect(dashboard.render().buffer.text.contains("REPLAY ×60 (+/-)"))
        dashboard.keys(.character("+"), .character("+"), .character("-"))
        #expect(dashboard.state.replay?.speed == 120)
        #expect(dashboard.effects.last == .replay(ReplaySettings(speed: 120)))
        dashboard.keys(.character(" "))
        #expect(dashboard.state.replay?.paused == true)
        #expect(dashboard.render().buffer.text.contains("REPLAY paused (space)"))
        dashboard.keys(.character("f"), .character("f"))
        #expect(dashboard.effects.last == .replay(ReplaySettings(speed: 120, paused: true, skips: 2)))
        #expect(dashboard.render().buffer.text.contains("replay time"))
    }

    @Test func replaySpeedKeysKeepAFastStartAndLeaveMax() {
        var state = DashboardState(width: 120, height: 40, sourceCount: 1, replay: ReplaySettings(speed: 1e6))
        _ = state.apply(.key(.character("+")))
        #expect(state.replay?.speed == 1e6)  // + never slows down
        state = DashboardState(width: 120, height: 40, sourceCount: 1, replay: ReplaySettings(speed: .infinity))
        _ = state.apply(.key(.character("+")))
        #expect(state.replay?.speed == .infinity)
        _ = state.apply(.key(.character("-")))
        #expect(state.replay?.speed == 86_400)  // - leaves max for a day per second
    }

    @Test func themesCycleAndLogNamesAreSanitized() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.character("t"))
        #expect(dashboard.state.themeName == "light")
        // The theme is loaded, and kept for the next run.
        #expect(dashboard.effects == [.loadTheme("light"), .savePreferences(Preferences(theme: "light", sort: .default))])
        let symbols = dashboard.monitor.symbols
        var batch = EventBatch()
        batch.append(Event(kind: .prediction, model: symbols.intern("evil\u{1b}[2J\u{1b}]0;pwned\u{07}model"), node: symbols.intern("n"),
                           time: DashboardFixture.start + 7200, prediction: .number(1)))
        dashboard.monitor.apply(batch)
        dashboard.present()
        let text = dashboard.render().buffer.text
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("evilmodel"))
    }

    @Test func sourcesViewShowsFilesAndNetworkSources() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        var network = NetworkSummary(address: "127.0.0.1:9400")
        network.connectionsOpen = 3
        network.requests = 40
        network.responses = [200: 30, 429: 8, 413: 2]
        var edge = NetworkSummary.Source(name: "edge-\u{1b}[2J1", peer: "10.0.0.7", lastSeen: DashboardFixture.start + 7299)
        edge.requests = 40
        edge.events = 12_345
        edge.rejected = 10
        edge.eventsPerSecond = 250
        network.sources = [edge]
        dashboard.ingest.network = network
        dashboard.keys(.character("i"))
        let text = dashboard.render().buffer.text
        #expect(text.contains("listening on http://127.0.0.1:9400"))
        #expect(text.contains("rejected 413: 2, 429: 8"))
        #expect(text.contains("app"))  // the file source
        #expect(text.contains("edge-1"))  // sanitized
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("12k"))
        #expect(text.contains("10 rejected (i)"))  // the status bar
        #expect(dashboard.render().buffer.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        dashboard.keys(.escape)
        #expect(dashboard.state.screen == .overview)
    }

    /// Merged workers: one row each in the sources view (behind, silent), and the status bar
    /// counts the live ones and their malformed lines.
    @Test func sourcesViewShowsWorkers() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        let now = dashboard.state.now, clock = dashboard.monitor.clock ?? 0
        func worker(_ name: String, _ instance: UInt64, wall: Double, clock: Double, malformed: Int) -> SummaryRecord {
            .worker(WorkerSummary(instance: instance, name: name, sequence: 1, wallTime: wall, paneSeconds: 60, sampleLimit: 4096,
                                  maxCategories: 1000, clock: clock, outOfRange: 0, modelsOverCap: 0, lines: 5000, events: 4990,
                                  malformed: malformed))
        }
        dashboard.monitor.absorb([worker("w-east", 1, wall: now - 1, clock: clock, malformed: 0),
                                  worker("w-west\u{1b}[2J", 2, wall: now - 2, clock: clock - 120, malformed: 10),
                                  worker("w-north", 3, wall: now - 300, clock: clock - 600, malformed: 0)])
        dashboard.keys(.character("i"))
        let text = dashboard.render().buffer.text
        #expect(text.contains("w-east"))
        #expect(text.contains("w-west"))  // sanitized
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("2m behind"), "\(text)")
        #expect(text.contains("silent 5m"))
        #expect(text.contains("2/3 workers live, 10 malformed (i)"))
        #expect(dashboard.render().buffer.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func noticesNamingFilesAreSanitized() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.send(.notice("finished /var/log/\u{1b}]0;T\u{07}\u{1b}[2Jnode.jsonl (rotated away)"))
        let text = dashboard.render().buffer.text
        #expect(!text.contains("\u{1b}"))
        #expect(!text.contains("\u{07}"))
        #expect(text.contains("finished /var/log/node.jsonl"))
    }
}
