import ModelTopCore
import Testing
@testable import ModelTopUI

@Suite struct ScreenTests {
    func render(_ state: DashboardState, _ context: RenderContext = RenderContext()) -> CellBuffer {
        DashboardView.render(state, context: context)
    }

    func keys(_ state: inout DashboardState, _ keys: Key...) {
        for key in keys { state.apply(.key(key)) }
    }

    @Test func overview() {
        let state = DashboardFixture.state()
        let buffer = render(state)
        expectSnapshot(buffer.text, named: "screen-overview-120x40")
        #expect(state.rows.map(\.name) == ["fraud", "churn", "price"])  // worst first
        #expect(state.rows[0].severity == .alert)
    }

    @Test func overviewAt80x24AsciiAndMonochrome() {
        var state = DashboardFixture.state(width: 80, height: 24)
        let unicode = render(state)
        let ascii = render(state, RenderContext(glyphs: .ascii, monochrome: true))
        expectSnapshot(unicode.text, named: "screen-overview-80x24")
        expectSnapshot(ascii.text + "\n--\n" + ascii.attributeMap, named: "screen-overview-80x24-ascii-mono")
        #expect(unicode.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        state.apply(.resize(width: 60, height: 20))
        #expect(render(state).text.contains("terminal too small: 60x20, need 80x24"))
    }

    @Test func detailFeatureAndNodes() {
        var state = DashboardFixture.state()
        keys(&state, .enter)
        #expect(state.screen == .detail)
        let detail = render(state)
        expectSnapshot(detail.text, named: "screen-detail")
        expectSnapshot(detail.heatMap, named: "screen-detail-heat")
        keys(&state, .character("m"))
        let ks = render(state)
        #expect(ks.text.contains("drift by pane: KS D"))
        keys(&state, .character("m"), .enter)
        #expect(state.screen == .feature)
        expectSnapshot(render(state).text, named: "screen-feature-pane")
        keys(&state, .character("w"))
        expectSnapshot(render(state).text, named: "screen-feature-window")
        keys(&state, .escape, .character("n"))
        #expect(state.screen == .nodes)
        let nodes = render(state)
        expectSnapshot(nodes.text, named: "screen-nodes")
        #expect(nodes.text.contains("SILENT"))
        #expect(nodes.text.contains("SLOW"))
    }

    @Test func helpAndMalformed() {
        var state = DashboardFixture.state()
        keys(&state, .character("?"))
        expectSnapshot(render(state).text, named: "screen-help")
        keys(&state, .escape, .character("e"))
        let malformed = render(state)
        expectSnapshot(malformed.text, named: "screen-malformed")
        keys(&state, .escape)
        #expect(state.screen == .overview)
    }

    @Test func navigationSortFilterAndModelSwitching() {
        var state = DashboardFixture.state()
        keys(&state, .down)
        #expect(state.rows[state.selectedRow!].name == "churn")
        keys(&state, .character("s"))
        #expect(state.sort == .name)
        #expect(state.rows.map(\.name) == ["churn", "fraud", "price"])
        #expect(state.rows[state.selectedRow!].name == "churn")  // the selection follows the model
        keys(&state, .character("/"), .character("p"), .character("r"))
        #expect(state.editingFilter)
        #expect(state.rows.map(\.name) == ["price"])
        #expect(render(state).text.contains("filter models: pr_"))
        keys(&state, .enter)
        #expect(!state.editingFilter)
        keys(&state, .escape)
        #expect(state.filter.isEmpty)
        keys(&state, .enter)  // churn's detail
        #expect(state.model.map { state.shown.symbols.name($0.name) } == "churn")
        keys(&state, .tab)
        #expect(state.model.map { state.shown.symbols.name($0.name) } == "fraud")
        keys(&state, .character("["))
        #expect(state.model.map { state.shown.symbols.name($0.name) } == "churn")
        #expect(state.screen == .detail)
        keys(&state, .character("q"))
        #expect(state.quit)
    }

    @Test func pauseFreezesTheDisplayWhileIngestGoesOn() {
        var state = DashboardFixture.state()
        keys(&state, .character("p"))
        #expect(state.paused)
        let frozen = render(state).text
        state.apply(.batch(DashboardFixture.batch(symbols: state.monitor.symbols)))
        state.apply(.tick(DashboardFixture.start + 7302))
        #expect(state.monitor.models[0].totals.predictions == 2 * state.shown.models[0].totals.predictions)
        #expect(render(state).lines.dropLast() == frozen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast())
        keys(&state, .character("p"))
        #expect(!state.paused)
    }

    @Test func rebaselineAsksFirst() {
        var state = DashboardFixture.state()
        #expect(state.rows[0].severity == .alert)
        keys(&state, .character("b"))
        #expect(render(state).text.contains("Re-baseline fraud to its current window?"))
        keys(&state, .character("n"))
        #expect(state.rows[0].name == "fraud")
        #expect(state.monitor.models.first { state.monitor.symbols.name($0.name) == "fraud" }?.reference?.source == .firstPredictions(3000))
        keys(&state, .character("b"), .character("y"))
        let fraud = state.monitor.models.first { state.monitor.symbols.name($0.name) == "fraud" }!
        #expect(fraud.reference?.source == .window)
        #expect(state.rows.first { $0.name == "fraud" }!.worst.map { $0.psi < 0.1 } ?? true)
    }

    @Test func mouseClicksSelectRowsAndCells() {
        var state = DashboardFixture.state()
        keys(&state, .click(x: 10, y: 4))  // the second model row
        #expect(state.rows[state.selectedRow!].name == "churn")
        keys(&state, .click(x: 10, y: 4))  // clicking the selected row opens it
        #expect(state.screen == .detail)
        let g = DetailGeometry(state)!
        let x = g.area.x + g.labelWidth + 1 + g.columns - 1 - 5
        keys(&state, .click(x: x, y: g.heatmapTop + 1))
        #expect(state.cursorRow == 1)
        #expect(state.cursorPaneBack == 5)
    }

    /// The heatmap cursor stays on the heatmap, in the detail view and the drill-down, and
    /// when Tab moves to a model with fewer rows.
    @Test func heatmapCursorStaysInside() {
        var state = DashboardFixture.state()
        keys(&state, .enter)
        let rows = state.heatmapSlots(state.model!).count, panes = state.shown.configuration.panes
        keys(&state, .up, .right)
        #expect((state.cursorRow, state.cursorPaneBack) == (0, 0))
        for _ in 0..<(rows + 3) { keys(&state, .down) }
        for _ in 0..<(panes + 3) { keys(&state, .left) }
        #expect((state.cursorRow, state.cursorPaneBack) == (rows - 1, panes - 1))
        keys(&state, .end, .scrollUp)
        #expect((state.cursorRow, state.cursorPaneBack) == (rows - 2, 0))
        keys(&state, .enter, .character("k"), .character("l"), .character("h"), .character("h"))
        #expect(state.screen == .feature)
        #expect((state.cursorRow, state.cursorPaneBack) == (rows - 3, 2))
        for _ in 0..<(rows + 3) { keys(&state, .character("j")) }
        #expect(state.cursorRow == rows - 1)
        for _ in 0..<3 {
            keys(&state, .tab)
            #expect(state.cursorRow < state.heatmapSlots(state.model!).count)
        }
    }

    @Test func replayKeysChangeTheRequest() {
        var state = DashboardFixture.state()
        keys(&state, .character(" "))
        #expect(state.replay == nil)  // not a replay: space does nothing
        state = DashboardState(monitor: state.monitor, width: 120, height: 40, sourceCount: 4, replay: .init(speed: 60))
        #expect(render(state).text.contains("REPLAY ×60 (+/-)"))
        keys(&state, .character("+"), .character("+"), .character("-"))
        #expect(state.replay?.speed == 120)
        keys(&state, .character(" "))
        #expect(state.replay?.paused == true)
        #expect(render(state).text.contains("REPLAY paused (space)"))
        keys(&state, .character(">"), .character(">"))
        #expect(state.replay?.skips == 2)
        #expect(render(state).text.contains("replay time"))
    }

    @Test func themesCycleAndLogNamesAreSanitized() {
        var state = DashboardFixture.state()
        keys(&state, .character("t"))
        #expect(state.themeName == "light")
        let symbols = state.monitor.symbols
        let batch = DashboardFixture.batch(symbols: symbols)
        batch.events.removeAll()
        batch.events.append(Event(kind: .prediction, model: symbols.intern("evil\u{1b}[2J\u{1b}]0;pwned\u{07}model"), node: symbols.intern("n"),
                                  time: DashboardFixture.start + 7200, prediction: .number(1)))
        state.apply(.batch(batch))
        let text = render(state).text
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("evilmodel"))
    }
}
