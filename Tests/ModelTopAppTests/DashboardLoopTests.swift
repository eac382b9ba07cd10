import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopReport
import Synchronization
import Testing
@testable import ModelTopApp
@testable import ModelTopUI

@Suite struct DashboardLoopTests {
    func loop(_ terminal: FakeTerminal, clock: TestClock, frameLog: ((DashboardLoop.FrameTiming) -> Void)? = nil) -> DashboardLoop {
        var options = DashboardLoop.Options()
        options.clock = { clock.now }
        options.frameLog = frameLog
        options.themes = ["default", "light"]
        return DashboardLoop(terminal: terminal, options: options) { name in
            Theme.Loaded(theme: Theme(name: name, colors: Theme.default.colors, heatmap: Theme.default.heatmap), warnings: [])
        }
    }

    /// Keys and resizes in, frames out; `q` ends the loop and gives the terminal back.
    @Test func keysAndResizesInFramesOut() throws {
        let clock = TestClock()
        let terminal = FakeTerminal(script: [
            [],
            [.key(.down)],
            [.key(.enter)],
            [.resize(width: 80, height: 24)],
            [.key(.escape), .key(.character("t"))],
            [.key(.character("q"))],
            [.key(.character("x"))],  // never read: the loop has quit
        ]) { clock.now += $0 }
        let session = AppFixture.session()
        let mailbox = Mailbox<LoopControl>()
        mailbox.send(AppFixture.batch(symbols: session.monitor.symbols))
        var detailFrame = "", resized: CellBuffer?
        terminal.onStep = { step in
            if step == 3 { detailFrame = terminal.lastFrame }
            if step == 5 { resized = terminal.frames.last }
        }
        let result = try loop(terminal, clock: clock).run(session: session, sources: [], replay: nil, sourceCount: 1,
                                                            mailbox: mailbox)
        #expect(result.ending == .quit)
        #expect(terminal.calls.first == "start")
        #expect(terminal.calls.last == "stop")
        #expect(terminal.calls.filter { $0 == "stop" }.count == 1)
        #expect(terminal.calls.contains("theme light"))
        #expect(terminal.frames.first?.text.contains("STATUS▼ MODEL") == true)
        #expect(detailFrame.contains("drift by pane"), "\(detailFrame)")
        #expect(detailFrame.contains("fleet › b"))  // down, then Enter: the second model
        #expect(resized?.width == 80 && resized?.height == 24)
        #expect(result.session.monitor.models.count == 2)
        #expect(result.session.ingest.total.events == 1200)
    }

    /// The frame log (MODELTOP_FRAME_LOG) gets a line per frame drawn, with the events applied
    /// since the one before.
    @Test func framesAreLogged() throws {
        let clock = TestClock()
        let terminal = FakeTerminal(script: [[], [], [], [.key(.character("q"))]]) { clock.now += $0 }
        let session = AppFixture.session()
        let mailbox = Mailbox<LoopControl>()
        mailbox.send(AppFixture.batch(symbols: session.monitor.symbols))
        var timings: [DashboardLoop.FrameTiming] = []
        _ = try loop(terminal, clock: clock) { timings.append($0) }.run(session: session, sources: [], replay: nil,
                                                                        sourceCount: 1, mailbox: mailbox)
        #expect(timings.count == terminal.frames.count && !timings.isEmpty)
        #expect(timings.map(\.events).reduce(0, +) == 1200)
        #expect(timings.first?.events == 1200)
        #expect(zip(timings, timings.dropFirst()).allSatisfy { $0.time < $1.time })
    }

    /// A terminating signal ends the loop, and the terminal is restored.
    @Test func signalRestoresTheTerminal() throws {
        let clock = TestClock()
        let mailbox = Mailbox<LoopControl>()
        let terminal = FakeTerminal(script: [[], [], [], [], []]) { clock.now += $0 }
        terminal.onStep = { step in if step == 3 { mailbox.send(control: .signal(SIGTERM)) } }
        let result = try loop(terminal, clock: clock).run(session: AppFixture.session(), sources: [], replay: nil, sourceCount: 1,
                                                          mailbox: mailbox)
        #expect(result.ending == .signal(SIGTERM))
        #expect(terminal.calls == ["start", "stop"])
        #expect(terminal.frames.last?.text.contains("waiting for events") == true)
    }

    /// A terminal that hangs up ends the loop too (no spinning on a dead tty).
    @Test func hangUpEndsTheLoop() throws {
        let clock = TestClock()
        let terminal = FakeTerminal(script: []) { clock.now += $0 }
        let result = try loop(terminal, clock: clock).run(session: AppFixture.session(), sources: [], replay: nil, sourceCount: 1,
                                                          mailbox: Mailbox())
        #expect(result.ending == .hangUp)
        #expect(terminal.calls == ["start", "stop"])
    }

    /// Replay keys reach the replay's control as effects.
    @Test func replayKeysReachTheReplay() throws {
        let clock = TestClock()
        let control = ReplayControl(.init(speed: 60))
        let terminal = FakeTerminal(script: [[.key(.character("+")), .key(.character(" ")), .key(.character("f"))], []]) {
            clock.now += $0
        }
        _ = try loop(terminal, clock: clock).run(session: AppFixture.session(), sources: [], replay: control, sourceCount: 1,
                                                 mailbox: Mailbox())
        #expect(control.current == .init(speed: 120, paused: true, skips: 1))
        #expect(terminal.lastFrame.contains("REPLAY paused (space)"))
    }
}

@Suite struct DashboardControllerTests {
    func controller() -> DashboardController {
        DashboardController(session: AppFixture.session(),
                            state: DashboardState(themes: ["default"], width: 120, height: 40, sourceCount: 1))
    }

    @Test func pauseFreezesTheDisplayWhileIngestGoesOn() {
        var controller = controller()
        let symbols = controller.session.monitor.symbols
        controller.ingest(AppFixture.batch(symbols: symbols))
        _ = controller.send(.key(.character("p")))
        #expect(controller.session.isFrozen)
        controller.present()
        let frozen = controller.render(RenderContext()).buffer.lines
        controller.ingest(AppFixture.batch(symbols: symbols, offset: 600))
        #expect(controller.session.monitor.models[0].totals.predictions == 2 * controller.session.shownMonitor.models[0].totals.predictions)
        controller.present()
        let later = controller.render(RenderContext()).buffer.lines
        #expect(later.dropLast() == frozen.dropLast())  // all but the status bar's rate
        _ = controller.send(.key(.character("p")))
        #expect(!controller.session.isFrozen)
        controller.present()
        #expect(controller.render(RenderContext()).buffer.lines != later)
    }

    /// A source's warning (a missing file) is shown on screen.
    @Test func sourceWarningsAreShown() {
        var controller = controller()
        let batch = DecodedBatch()
        batch.notices.append(SourceNotice(.warning, "waiting for missing.jsonl: No such file or directory"))
        controller.ingest(batch)
        controller.present()
        #expect(controller.render(RenderContext()).buffer.text.contains("waiting for missing.jsonl: No such file or directory"))
    }

    @Test func rebaselineIsPerformedOnTheSession() throws {
        var controller = controller()
        let symbols = controller.session.monitor.symbols
        controller.ingest(AppFixture.batch(symbols: symbols))
        controller.present()
        let a = symbols.intern("a")
        #expect(controller.session.monitor.model(a)?.reference?.source == .firstPredictions(200))
        _ = controller.send(.key(.character("b")))  // a is first: it alerts
        #expect(controller.state.confirmRebaseline == a)
        #expect(controller.send(.key(.character("y"))).isEmpty)
        #expect(controller.session.monitor.model(a)?.reference?.source == .window)
    }
}

@Suite struct JSONLinesLoopTests {
    /// Lines on the interval, and a last one on a signal, counting what arrived.
    @Test func linesUntilASignal() throws {
        let clock = TestClock()
        let mailbox = Mailbox<LoopControl>()
        let session = AppFixture.session()
        mailbox.send(AppFixture.batch(symbols: session.monitor.symbols))
        mailbox.send(control: .signal(SIGTERM))
        var lines: [String] = []
        var loop = JSONLinesLoop(interval: 1)
        loop.clock = { clock.now }
        loop.write = { lines.append($0) }
        let (end, ending) = try loop.run(session: session, sources: [], mailbox: mailbox)
        // The signal overtakes the batch in the mailbox, but what was read is applied before
        // the last line.
        #expect(ending == .signal(SIGTERM))
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("{\"time\":"))
        #expect(end.ingest.total.events == 1200)
    }

    /// During a backlog (batches always waiting) a line still comes every interval, with what
    /// was applied so far, rather than when the input runs dry.
    @Test func linesDuringABacklog() throws {
        let clock = TestClock()
        let mailbox = Mailbox<LoopControl>()
        let session = AppFixture.session()
        for i in 0..<5 { mailbox.send(AppFixture.batch(symbols: session.monitor.symbols, offset: Double(600 * i))) }
        var lines: [String] = []
        var loop = JSONLinesLoop(interval: 1)
        loop.clock = {
            clock.now += 0.3  // applying takes time
            return clock.now
        }
        loop.write = { line in
            lines.append(line)
            if mailbox.count == 0 { mailbox.send(control: .signal(SIGTERM)) }
        }
        let (end, ending) = try loop.run(session: session, sources: [], mailbox: mailbox)
        #expect(ending == .signal(SIGTERM))
        #expect(end.ingest.total.events == 6000)
        // Report lines (the fixture's alerts have lines of their own).
        let events = lines.compactMap { line in line.firstMatch(of: /"events": (\d+)/).map { Int($0.1)! } }
        // One line a batch or so (the clock moves 1.2 s a turn), the last with all of them.
        #expect(events.count >= 5, "\(events)")
        #expect(events.first == 1200, "\(events)")
        #expect(events.last == 6000, "\(events)")
        #expect(events == events.sorted(), "\(events)")
    }

    /// Lines and scrapes, which test every feature each time, compute the exact KS p-value only
    /// while it is cheap; `report`, `check` and a finished replay's last line as scipy does. 3,000 reference values against
    /// 2,500 shifted ones: a band of about 3 million cells, over the bound.
    @Test func linesBoundTheExactKSCost() throws {
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 3000
        configuration.paneSeconds = 600
        var session = Session(monitor: FleetMonitor(configuration: configuration, symbols: SymbolTable()))
        let symbols = session.monitor.symbols
        let batch = DecodedBatch()
        var state: UInt64 = 1
        for i in 0..<5500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u = Double(state >> 11) / 9007199254740992.0
            batch.events.append(
                Event(kind: .prediction, model: symbols.intern("a"), node: symbols.intern("n"),
                      time: AppFixture.start + Double(i), prediction: .number(1), latency: 10),
                features: [.init(name: symbols.intern("x"), value: .number(u + (i < 3000 ? 0 : 0.2)))])
        }
        session.apply(batch)
        func ks(_ report: FleetReport) -> KolmogorovSmirnov? { report.snapshots.first?.features.first?.drift.ks }
        let exact = try #require(ks(session.report()))
        let bounded = try #require(ks(session.report(ks: .boundedTest)))
        #expect(exact.method == .exact)
        #expect(bounded.method == .asymptotic)
        #expect(KolmogorovSmirnov.bandCells(3000, 2500, statistic: exact.statistic) > KolmogorovSmirnov.boundedExactCells)
        #expect(session.export(.report, time: 0).contains("\"method\": \"asymptotic\""))
        #expect(session.report().json().rendered().contains("\"method\": \"exact\""))
        let mailbox = Mailbox<LoopControl>()
        mailbox.send(control: .signal(SIGTERM))
        var lines: [String] = []
        var loop = JSONLinesLoop(interval: 1)
        loop.write = { lines.append($0) }
        try loop.run(session: session, sources: [], mailbox: mailbox)
        #expect(lines.last?.contains("\"method\": \"asymptotic\"") == true)
        // The last line of a finished replay is what `report` prints.
        mailbox.send(control: .replayFinished)
        try loop.run(session: session, sources: [], mailbox: mailbox)
        #expect(lines.last?.contains("\"method\": \"exact\"") == true)
    }

    /// The receiver's exports are answered from the loop's state, with its counts.
    @Test func exportsAndNetworkCounts() throws {
        let mailbox = Mailbox<LoopControl>()
        let session = AppFixture.session()
        var summary = NetworkSummary(address: "127.0.0.1:9400")
        summary.connectionsOpen = 7
        summary.responses = [429: 3]
        let answers = Mutex<[String?]>([])
        mailbox.send(control: .network(summary))
        mailbox.send(control: .export(.metrics, summary, complete: { text in answers.withLock { $0.append(text) } }))
        mailbox.send(control: .export(.report, summary, complete: { text in answers.withLock { $0.append(text) } }))
        mailbox.send(control: .signal(SIGTERM))
        var loop = JSONLinesLoop(interval: 1)
        loop.write = { _ in }
        let (end, _) = try loop.run(session: session, sources: [], mailbox: mailbox)
        let texts = answers.withLock { $0 }
        #expect(texts.count == 2)
        #expect(texts[0]?.contains("modeltop_http_connections_open 7\n") == true)
        #expect(texts[0]?.contains("modeltop_http_requests_total{code=\"429\"} 3\n") == true)
        #expect(texts[1]?.contains("\"address\": \"127.0.0.1:9400\"") == true)
        #expect(end.ingest.network?.connectionsOpen == 7)
    }

    @Test func replayEndCountsPendingJoins() throws {
        let clock = TestClock()
        let mailbox = Mailbox<LoopControl>()
        let session = AppFixture.session()
        mailbox.send(AppFixture.batch(symbols: session.monitor.symbols))
        mailbox.send(control: .replayFinished)
        var lines: [String] = []
        var loop = JSONLinesLoop(interval: 1)
        loop.clock = { clock.now }
        loop.write = { lines.append($0) }
        let (end, ending) = try loop.run(session: session, sources: [], mailbox: mailbox)
        #expect(ending == .finished)
        #expect(end.ingest.total.events == 1200)
        #expect(lines.count == 1)
        #expect(lines[0].contains("\"events\": 1200"))
    }
}
