import Foundation
import ModelTopCore
import ModelTopReport
import ModelTopUI

/// Drawing frames from view models (what the dashboard does on each redraw), and the
/// presenter's work (what it does once per change of the data).
enum RenderBenchmark {
    static let start = 1_795_699_980.0  // a whole minute: panes hold exactly `perPane` predictions

    /// One model with `features` numeric features: a reference of 2000 predictions, then
    /// `perPane` predictions in each of 60 one-minute panes (drifting in the last ten).
    static func monitor(models: Int = 1, features: Int, perPane: Int, window: Int = 10, sampleLimit: Int? = 4096) -> FleetMonitor {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 2000
        configuration.window = window
        configuration.sampleLimit = sampleLimit
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        var generator = EventGenerator(seed: 7)
        let names = (0..<features).map { symbols.intern("feature_\($0)") }
        let nodes = (0..<4).map { symbols.intern("n\($0)") }
        let modelNames = (0..<models).map { symbols.intern("model-\($0)") }
        var batch = EventBatch()
        let total = 2000 + 60 * perPane
        for i in 0..<total {
            let t = start + Double(max(0, i - 2000)) * 60 / Double(perPane)
            for model in modelNames {
                batch.append(
                    Event(kind: .prediction, model: model, node: nodes[i % 4], time: t,
                          prediction: .number(generator.uniform() > 0.5 ? 1 : 0), label: .number(i % 3 == 0 ? 1 : 0),
                          score: generator.uniform(), latency: generator.uniform() * 50),
                    features: names.map { .init(name: $0, value: .number(generator.normal() + (i > total - 10 * perPane ? 0.5 : 0))) })
            }
            if batch.events.count >= 65_536 {
                monitor.apply(batch)
                batch.removeAll()
            }
        }
        monitor.apply(batch)
        return monitor
    }

    static func present(_ presenter: Presenter, _ monitor: FleetMonitor, _ state: DashboardState) -> (DashboardModel, DashboardState) {
        var state = state
        let model = presenter.present(monitor: monitor, ingest: IngestSummary(), state: state)
        state.apply(.presented(model.navigation))
        return (model, state)
    }

    static func run() -> String {
        let runs = Int(ProcessInfo.processInfo.environment["RENDER_RUNS"] ?? "20")!
        var lines: [String] = []

        // 1. The 200x60 detail frame: 50 features x 60 panes of heatmap.
        let detailMonitor = monitor(features: 50, perPane: 200)
        let presenter = Presenter()
        var (model, state) = present(presenter, detailMonitor, DashboardState(width: 200, height: 60, sourceCount: 1))
        state.apply(.key(.enter))
        (model, state) = present(presenter, detailMonitor, state)
        var frame = DashboardView.render(model, context: RenderContext())
        var seconds = Measure.best(runs: runs) { frame = DashboardView.render(model, context: RenderContext()) }
        precondition(frame.buffer.text.contains("drift by pane"))
        lines.append("\(format(seconds * 1000, digits: 3)) ms per 200x60 detail frame (50 features x 60 panes)")

        // 2. The drill-down of a feature over a current window of 100,000 values (10 panes of
        //    10,000, nothing sampled away): the frame, and the presenter's KS once per change.
        let drillMonitor = monitor(features: 2, perPane: 10_000, sampleLimit: nil)
        let drillPresenter = Presenter()
        var drill = DashboardState(width: 200, height: 60, sourceCount: 1)
        (model, drill) = present(drillPresenter, drillMonitor, drill)
        drill.apply(.key(.enter))
        drill.apply(.key(.enter))
        drill.apply(.key(.character("w")))
        let presentSeconds = Measure.best(runs: 3) { (model, drill) = present(Presenter(), drillMonitor, drill) }
        (model, drill) = present(drillPresenter, drillMonitor, drill)
        guard case .feature(let feature) = model.content, let cdf = feature.cdf else { preconditionFailure("no drill-down") }
        precondition(cdf.current.count == 100_000, "window of \(cdf.current.count) values")
        seconds = Measure.best(runs: runs) { frame = DashboardView.render(model, context: RenderContext()) }
        precondition(frame.buffer.text.contains("empirical CDFs"))
        lines.append("\(format(seconds * 1000, digits: 3)) ms per 200x60 drill-down frame over a 100,000-value window "
                     + "(its KS test, presented once per change: \(format(presentSeconds * 1000, digits: 1)) ms)")

        // 3. The presenter's rebuild after a change: 50 models x 30 features, overview and detail.
        let fleet = monitor(models: 50, features: 30, perPane: 20)
        var overview = DashboardState(width: 200, height: 60, sourceCount: 1)
        (model, overview) = present(Presenter(), fleet, overview)
        let rebuild = Measure.best(runs: 3) { (model, overview) = present(Presenter(), fleet, overview) }
        // The steady state: a warm presenter, every model changed by one prediction in its
        // newest pane (what a frame under load costs when all models receive events).
        let changed = steadyFrames(fleet, overview, runs: runs, features: 30) { _ in (0..<50).map { "model-\($0)" } }
        overview.apply(.key(.enter))
        let fleetPresenter = Presenter()
        (model, overview) = present(fleetPresenter, fleet, overview)
        let again = Measure.best(runs: runs) { (model, overview) = present(fleetPresenter, fleet, overview) }
        lines.append("presenter: \(format(rebuild * 1000, digits: 1)) ms to rebuild 50 models x 30 features after a change, "
                     + "\(format(changed * 1000, digits: 1)) ms (median) when each model got one "
                     + "prediction since the last frame, "
                     + "\(format(again * 1000, digits: 3)) ms to present again unchanged (the detail view)")

        // 4. A live report (a `watch --no-tui` line, a /v1/report or /metrics request) of 50
        //    models x 30 features whose windows of 5,000 values drifted from a 2,000-value
        //    reference: every feature's KS test again, exact p-values bounded, and as `report`
        //    computes them (scipy's).
        let drifted = monitor(models: 50, features: 30, perPane: 500)
        var methods: [KolmogorovSmirnov.Method: Int] = [:]
        let bounded = Measure.best(runs: 3) {
            let report = FleetReport(ingest: IngestSummary(), monitor: drifted, ks: .boundedTest)
            methods = report.snapshots.flatMap(\.features).reduce(into: [:]) { $0[$1.drift.ks!.method, default: 0] += 1 }
        }
        let scipy = Measure.best(runs: 1) { _ = FleetReport(ingest: IngestSummary(), monitor: drifted) }
        lines.append("live report of 50 models x 30 features in drift (windows of 5,000 values): "
                     + "\(format(bounded * 1000, digits: 1)) ms, best of 3 (\(methods[.exact] ?? 0) exact p-values, "
                     + "\(methods[.asymptotic] ?? 0) asymptotic); with scipy's exact p-values, as `report`: "
                     + "\(format(scipy * 1000, digits: 0)) ms (one run)")

        // 5. Many models: 1,000 (the cap) x 5 features. The presenter computes the snapshot and
        //    row again of the models that changed only; the others' rates at the moved clock.
        let many = monitor(models: 1000, features: 5, perPane: 20)
        var manyState = DashboardState(width: 200, height: 60, sourceCount: 1)
        (model, manyState) = present(Presenter(), many, manyState)
        let manyRebuild = Measure.best(runs: 1) { (model, manyState) = present(Presenter(), many, manyState) }
        let oneChanged = steadyFrames(many, manyState, runs: 5, features: 5) { run in ["model-\(run)"] }
        let moved = windowMove(many, manyState, runs: 3, features: 5)
        lines.append("presenter, 1,000 models x 5 features: \(format(manyRebuild * 1000, digits: 0)) ms to rebuild, "
                     + "\(format(oneChanged * 1000, digits: 1)) ms (median of 5) when one model got a prediction since the last frame, "
                     + "\(format(moved * 1000, digits: 0)) ms (best of 3) when the clock entered the next pane (the window moved)")
        return lines.joined(separator: "\n        ") + " (best of \(runs))"
    }

    /// The best time of `runs` warm presenters to present `monitor` again after one prediction
    /// in the pane after the newest: the window moved, so every model's snapshot and row is
    /// computed again (the panes' summaries but the new one's are kept).
    static func windowMove(_ monitor: FleetMonitor, _ state: DashboardState, runs: Int, features: Int) -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            var live = monitor, state = state
            let warm = Presenter()
            (_, state) = present(warm, live, state)
            var generator = EventGenerator(seed: 9)
            let names = (0..<features).map { live.symbols.intern("feature_\($0)") }
            var batch = EventBatch()
            batch.append(Event(kind: .prediction, model: live.symbols.intern("model-0"), node: live.symbols.intern("n0"),
                               time: live.clock! + live.configuration.paneSeconds, prediction: .number(1), label: .number(1),
                               score: 0.5, latency: 3),
                         features: names.map { .init(name: $0, value: .number(generator.normal())) })
            live.apply(batch)
            let start = Measure.now()
            (_, state) = present(warm, live, state)
            best = min(best, Measure.now() - start)
        }
        return best
    }

    /// The median time a warm presenter takes to present `monitor` again after each of `runs`
    /// batches of one prediction for each model `changing(run)` names, each batch 10 ms of event
    /// time after the one before (the clock moves, within the newest pane).
    static func steadyFrames(_ monitor: FleetMonitor, _ state: DashboardState, runs: Int, features: Int,
                             changing: (Int) -> [String]) -> Double {
        var live = monitor, state = state
        let warm = Presenter()
        (_, state) = present(warm, live, state)
        var generator = EventGenerator(seed: 9)
        let names = (0..<features).map { live.symbols.intern("feature_\($0)") }
        let node = live.symbols.intern("n0"), newest = live.clock!
        var times: [Double] = []
        for run in 0..<runs {
            var batch = EventBatch()
            for name in changing(run) {
                batch.append(Event(kind: .prediction, model: live.symbols.intern(name), node: node, time: newest + 0.01 * Double(run + 1),
                                   prediction: .number(1),
                                   label: .number(1), score: 0.5, latency: 3),
                             features: names.map { .init(name: $0, value: .number(generator.normal())) })
            }
            live.apply(batch)
            let start = Measure.now()
            (_, state) = present(warm, live, state)
            times.append(Measure.now() - start)
        }
        return times.sorted()[times.count / 2]
    }
}
