import ModelTopCore
import Testing
@testable import ModelTopReport

/// The table shows what the JSON has, for each task.
@Suite struct ReportTableTests {
    @Test func metricsForEachTaskAndNodes() {
        let symbols = SymbolTable()
        var batch = EventBatch()
        for i in 0..<40 {
            let t = 1_795_700_000 + Double(i)
            batch.append(Event(kind: .prediction, model: symbols.intern("fraud"), node: symbols.intern("eu-1"), time: t,
                               prediction: .number(Double(i % 2)), label: .number(Double(i % 3 == 0 ? 1 : 0)), score: Double(i) / 40,
                               latency: 12))
            batch.append(Event(kind: .prediction, model: symbols.intern("price"), node: symbols.intern("us-1"), time: t,
                               prediction: .number(Double(100 + i)), label: .number(Double(103 + i)), latency: 40))
            batch.append(Event(kind: .metric, model: symbols.intern("price"), node: symbols.intern("us-1"), time: t,
                               metric: symbols.intern("error_rate"), value: 0.02))
        }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 10
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        monitor.apply(batch)
        monitor.finish()
        let table = FleetReport(ingest: IngestSummary(), monitor: monitor).table()
        #expect(table.contains("fraud: n=30 (binary)"))
        #expect(table.contains("precision "))
        // 30 labels joined: the realized accuracy is shown, and said not to be judged.
        #expect(table.contains("labels joined 30  accuracy 50.0% (not judged: 200 labels needed)  precision"))
        #expect(table.contains("ROC AUC "))
        #expect(table.contains("price: n=30 (regression)"))
        #expect(table.contains("MAE 3.000"))
        #expect(table.contains("RMSE 3.000"))
        #expect(table.contains("NODE  PREDICTIONS  P50 MS  P99 MS  ERROR RATE"))
        #expect(table.contains("us-1           40"))
        #expect(table.contains("2.0%"))
        let json = FleetReport(ingest: IngestSummary(), monitor: monitor).json()
        guard case .array(let models)? = json["models"] else { return }
        #expect(models[0]["task"] == .string("binary"))
        #expect(models[1]["precision"] == .null)  // a regressor has no precision
        #expect(models[1]["mae"] == .number(3))
        // 40 latencies a node: too few to judge it slow (half of min_samples), which the JSON says.
        guard case .array(let nodes)? = models[0]["nodes"] else {
            Issue.record("no nodes")
            return
        }
        #expect(nodes[0]["slow"] == .null)
        #expect(nodes[0]["silent"] == .bool(false))
        var more = monitor
        var later = EventBatch()
        for i in 0..<200 {
            later.append(Event(kind: .prediction, model: symbols.intern("fraud"), node: symbols.intern("eu-1"),
                               time: 1_795_700_040 + Double(i), prediction: .number(1), latency: 12))
        }
        more.apply(later)
        more.finish()
        guard case .array(let judged)? = FleetReport(ingest: IngestSummary(), monitor: more).json()["models"],
            case .array(let judgedNodes)? = judged[0]["nodes"]
        else {
            Issue.record("no nodes")
            return
        }
        #expect(judgedNodes[0]["slow"] == .bool(false))
    }
}
