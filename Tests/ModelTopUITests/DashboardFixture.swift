import Foundation
import ModelTopCore
@testable import ModelTopUI

/// A deterministic fleet for screen tests: three models over two hours of event time.
enum DashboardFixture {
    static let start = 1_795_700_000.0  // 2026-11-20T...

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func uniform() -> Double { Double(next() % 1_000_000) / 1_000_000 }
    }

    /// The events.
    static func batch(symbols: SymbolTable) -> EventBatch {
        var random = Random(state: 42)
        var batch = EventBatch()
        func s(_ name: String) -> Symbol { symbols.intern(name) }
        for i in 0..<(120 * 100) {  // 100 predictions a minute per model for two hours
            let t = start + Double(i) * 0.6
            let late = t > start + 110 * 60
            // fraud: amount drifts in the last ten minutes; node eu-3 goes silent after 90 minutes.
            let node = i % 3 == 2 && t > start + 90 * 60 ? "eu-1" : "eu-\(i % 3 + 1)"
            let amount = 50 + random.uniform() * 100 + (late ? 120 : 0)
            let country = ["DE", "FR", "US"][Int(random.next() % 3)]
            let score = random.uniform()
            batch.append(
                Event(kind: .prediction, model: s("fraud"), node: s(node), version: s("v7"), time: t,
                      prediction: .number(score > 0.5 ? 1 : 0), label: .number(random.uniform() < (late ? 0.3 : 0.5) ? 1 : 0),
                      score: score, latency: 5 + random.uniform() * 10 + (node == "eu-2" ? 40 : 0)),
                features: [.init(name: s("amount"), value: .number(amount)), .init(name: s("country"), value: .string(s(country)))])
            // churn: stable.
            let tenure = Double(random.next() % 40)
            batch.append(
                Event(kind: .prediction, model: s("churn"), node: s("eu-1"), time: t + 0.2, prediction: .string(s(tenure < 6 ? "leave" : "stay")),
                      label: .string(s(random.uniform() < 0.9 ? (tenure < 6 ? "leave" : "stay") : "leave")), latency: 3),
                features: [.init(name: s("tenure"), value: .number(tenure)), .init(name: s("plan"), value: .string(s(i % 4 == 0 ? "pro" : "basic")))])
            // price: a regressor with an error-rate metric.
            if i % 5 == 0 {
                let size = 30 + random.uniform() * 170
                batch.append(
                    Event(kind: .prediction, model: s("price"), node: s("us-1"), time: t + 0.4, prediction: .number(size * 3000),
                          label: .number(size * 3000 + (random.uniform() - 0.5) * 20_000), latency: 20),
                    features: [.init(name: s("size"), value: .number(size))])
                batch.append(Event(kind: .metric, model: s("price"), node: s("us-1"), time: t + 0.4, metric: s("error_rate"),
                                          value: 0.01))
            }
        }
        return batch
    }

    /// What the source of the events reported: counts and three malformed lines.
    static func ingest(events: Int, symbols: SymbolTable) -> IngestSummary {
        var statistics = SourceStatistics()
        statistics.lines = events + 3
        statistics.events = events
        statistics.malformed = 3
        var summary = IngestSummary()
        summary.apply(sources: [(symbols.intern("app"), statistics)], malformed: [
            MalformedLine(source: "app", reason: .syntax, text: "{not json"),
            MalformedLine(source: "app", reason: .missingModel, text: #"{"prediction":1}"#),
            MalformedLine(source: "app", reason: .badScore, text: #"{"model":"fraud","score":"high","prediction":1}"#),
        ], notices: [], finished: [])
        return summary
    }

    /// A dashboard over the fixture, sized `width` x `height`.
    static func dashboard(width: Int = 120, height: Int = 40, minimumSamples: Int = 80) -> Dashboard {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 3000
        // Panes of 100 fraud and churn predictions are judged; price's 20 a minute are too few.
        configuration.thresholds.minimumSamples = minimumSamples
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        let events = batch(symbols: symbols)
        monitor.apply(events)
        var dashboard = Dashboard(monitor: monitor, ingest: ingest(events: events.events.count, symbols: symbols),
                                  state: DashboardState(themes: ["default", "light"], width: width, height: height, sourceCount: 3))
        dashboard.send(.tick(start + 7301))
        return dashboard
    }
}

/// The dashboard as the app loop drives it, without a session or a terminal: events through
/// the reducer, then a presentation (effects are recorded, not performed).
struct Dashboard {
    var monitor: FleetMonitor
    var ingest: IngestSummary
    var alerts = AlertTracker()
    var state: DashboardState
    let presenter = Presenter()
    var model: DashboardModel
    var effects: [DashboardEffect] = []

    init(monitor: FleetMonitor, ingest: IngestSummary, state: DashboardState) {
        self.monitor = monitor
        self.ingest = ingest
        self.state = state
        model = presenter.present(monitor: monitor, ingest: ingest, state: state)
        self.state.apply(.presented(model.navigation))
    }

    mutating func send(_ event: DashboardEvent) {
        effects += state.apply(event)
        present()
    }

    mutating func keys(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func present() {
        model = presenter.present(monitor: monitor, ingest: ingest, alerts: alerts, state: state)
        state.apply(.presented(model.navigation))
    }

    func render(_ context: RenderContext = RenderContext()) -> Frame {
        DashboardView.render(model, context: context)
    }

    /// Looks for severity changes in the fixture's monitor, as the session does, and tells the
    /// reducer.
    mutating func checkAlerts() -> [AlertChange] {
        guard let clock = monitor.clock, let window = monitor.windowRange() else { return [] }
        let models = monitor.models.map { model in
            let snapshot = ModelSnapshot(model, window: window, symbols: monitor.symbols, now: clock, ks: .none)
            return (snapshot, NodeHealth.assess(model, snapshot: snapshot, clock: clock))
        }
        let changes = alerts.update(models, thresholds: monitor.configuration.thresholds, clock: clock,
                                    pane: monitor.configuration.pane(of: clock))
        send(.alerts(changes))
        return changes
    }

    /// The overview rows' names, in shown order.
    var rowNames: [String] { state.navigation.rows.map(\.name) }

    /// The name of the model the views are about.
    var currentName: String? { state.currentModel.map { monitor.symbols.name($0) } }
}
