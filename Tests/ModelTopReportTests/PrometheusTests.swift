import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopReport

@Suite struct PrometheusTests {
    @Test func textFormat() {
        var p = PrometheusText()
        p.family("modeltop_x", .gauge, help: "A \\ help\nwith a line feed.", [
            ([("model", "a\"b\\c\nd")], 0.25), ([], .nan), ([("k", "v")], .infinity), ([("k", "w")], 3),
        ])
        p.family("modeltop_empty", .counter, help: "Never written.", [])
        p.histogram("modeltop_latency_seconds", help: "Latency.", bounds: [0.1, 1], [([("model", "m")], [2, 5], 6, 3.5)])
        #expect(p.text == """
            # HELP modeltop_x A \\\\ help\\nwith a line feed.
            # TYPE modeltop_x gauge
            modeltop_x{model="a\\"b\\\\c\\nd"} 0.25
            modeltop_x NaN
            modeltop_x{k="v"} +Inf
            modeltop_x{k="w"} 3
            # HELP modeltop_latency_seconds Latency.
            # TYPE modeltop_latency_seconds histogram
            modeltop_latency_seconds_bucket{model="m",le="0.1"} 2
            modeltop_latency_seconds_bucket{model="m",le="1"} 5
            modeltop_latency_seconds_bucket{model="m",le="+Inf"} 6
            modeltop_latency_seconds_sum{model="m"} 3.5
            modeltop_latency_seconds_count{model="m"} 6

            """)
    }

    @Test func fleetSeries() {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 300
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        var batch = EventBatch()
        for i in 0..<1100 {
            let x = Double(i % 100) / 100 + (i < 300 ? 0 : 1)  // the window drifts
            batch.append(Event(kind: .prediction, model: symbols.intern("fraud"), node: symbols.intern("n1"), time: Double(i),
                               prediction: .number(Double(i % 2)), latency: Double(i % 50)),
                         features: [.init(name: symbols.intern("amount"), value: .number(x))])
        }
        monitor.apply(batch)
        monitor.finish()
        let text = FleetReport(ingest: IngestSummary(), monitor: monitor).prometheus()
        #expect(text.contains("modeltop_model_severity{model=\"fraud\"} 2\n"))
        #expect(text.contains("modeltop_model_predictions_total{model=\"fraud\"} 1100\n"))
        #expect(text.contains("modeltop_feature_psi{model=\"fraud\",feature=\"amount\"} "))
        #expect(text.contains("modeltop_model_latency_seconds_count{model=\"fraud\"} 1100\n"))
        // Latencies 0..49 ms, 22 of each: all at or below 50 ms, 0..25 ms (26 values) at or below 25 ms.
        #expect(text.contains("modeltop_model_latency_seconds_bucket{model=\"fraud\",le=\"0.05\"} 1100\n"))
        #expect(text.contains("modeltop_model_latency_seconds_bucket{model=\"fraud\",le=\"0.025\"} 572\n"))
        #expect(!text.contains("modeltop_http_"))  // no receiver, no HTTP series
        // Every family has its HELP and TYPE before its samples.
        var declared = Set<String>()
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") { declared.insert(String(line.split(separator: " ")[2])) }
            else if !line.hasPrefix("#") {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                let family = ["_bucket", "_sum", "_count"].reduce(name) { n, s in declared.contains(n) ? n : (n.hasSuffix(s) ? String(n.dropLast(s.count)) : n) }
                #expect(declared.contains(family), "\(name) before its # TYPE")
            }
        }
    }
}
