import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopUI

/// A full 200x60 frame of the detail screen (50 features x 60 panes of heatmap), rendered
/// into the cell buffer as the dashboard does on each redraw.
enum RenderBenchmark {
    static func run() -> String {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 2000
        var generator = EventGenerator(seed: 7)
        let batch = DecodedBatch()
        let names = (0..<50).map { symbols.intern("feature_\($0)") }
        for i in 0..<(2000 + 60 * 200) {  // the reference, then 200 predictions in each of 60 panes
            let t = 1_795_700_000 + Double(max(0, i - 2000)) * 0.3
            batch.events.append(
                Event(kind: .prediction, model: symbols.intern("model"), node: symbols.intern("n\(i % 4)"), time: t,
                      prediction: .number(generator.uniform() > 0.5 ? 1 : 0), label: .number(i % 3 == 0 ? 1 : 0),
                      score: generator.uniform(), latency: generator.uniform() * 50),
                features: names.map { .init(name: $0, value: .number(generator.normal() + (i > 12_000 ? 0.5 : 0))) })
        }
        var state = DashboardState(monitor: FleetMonitor(configuration: configuration, symbols: symbols),
                                   width: 200, height: 60, sourceCount: 1)
        state.apply(.batch(batch))
        state.apply(.key(.enter))
        var frame = DashboardView.render(state, context: RenderContext())  // warms the per-pane caches
        let seconds = Measure.best(runs: Int(ProcessInfo.processInfo.environment["RENDER_RUNS"] ?? "20")!) { frame = DashboardView.render(state, context: RenderContext()) }
        precondition(frame.text.contains("drift by pane"))
        return "\(format(seconds * 1000, digits: 3)) ms per 200x60 detail frame (50 features x 60 panes, caches warm, best of 20)"
    }
}
