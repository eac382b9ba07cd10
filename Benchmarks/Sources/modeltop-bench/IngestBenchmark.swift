import Foundation
import ModelTopCore
import ModelTopIngest

/// Decoding plus statistics on one core: 50 models x 30 features (20 numeric, 10 categorical),
/// NDJSON in memory -> events -> FleetMonitor.apply with the dashboard's streaming settings.
enum IngestBenchmark {
    static func run() -> String {
        let models = Int(ProcessInfo.processInfo.environment["MODELS"] ?? "50")!, numeric = 20, categorical = 10
        let count = Int(ProcessInfo.processInfo.environment["EVENTS"] ?? "400000")!
        var generator = EventGenerator(seed: 11)
        var text = ""
        text.reserveCapacity(count * 700)
        let categories = ["a", "b", "c", "d", "e", "f"]
        for i in 0..<count {
            text += #"{"model":"model-\#(i % models)","ts":\#(1_795_700_000 + Double(i) / 1000),"id":\#(i),"prediction":\#(i % 2),"score":\#(format(generator.uniform(), digits: 4)),"latency_ms":\#(format(generator.uniform() * 40, digits: 2)),"features":{"#
            for f in 0..<numeric { text += "\"n\(f)\":\(format(generator.normal(), digits: 4))," }
            for f in 0..<categorical { text += "\"c\(f)\":\"\(categories[Int(generator.next() % 6)])\"" + (f == categorical - 1 ? "" : ",") }
            text += "}}\n"
        }
        let data = Array(text.utf8)
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 2000
        var events = 0
        var best = Double.infinity
        let decodeOnly = ProcessInfo.processInfo.environment["DECODE_ONLY"] != nil
        for _ in 0..<Int(ProcessInfo.processInfo.environment["RUNS"] ?? "3")! {
            let symbols = SymbolTable()
            let decoder = EventDecoder(symbols: symbols)
            var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
            let buffer = ReadBuffer()
            let batch = DecodedBatch()
            let source = symbols.intern("bench")
            var reader = LineReader()
            var offset = 0
            events = 0
            // The first half warms up (references are collected and frozen, panes allocated);
            // the second half is timed: the steady state of a running dashboard.
            var start = 0.0
            var timedFrom = 0
            data.withUnsafeBytes { all in
                while true {
                    if start == 0 && offset >= all.count / 2 {
                        start = Measure.now()
                        timedFrom = events
                    }
                    let n = reader.pump(buffer: buffer, decoder: decoder,
                                        context: .init(node: source, sourceName: "bench", arrivalTime: 0),
                                        into: batch, source: source) { target in
                        let n = min(target.count, all.count - offset, 64 << 10)
                        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)]))
                        offset += n
                        return n
                    }
                    if !decodeOnly { monitor.apply(batch.events) }
                    events += batch.events.events.count
                    batch.removeAll()
                    if n == 0 { break }
                }
            }
            best = min(best, Double(events - timedFrom) / (Measure.now() - start))
        }
        precondition(events == count)
        return "\(format(best / 1e6)) M events/s (decode + statistics, \(models) models x \(numeric + categorical) features, "
            + "\(data.count / count) bytes per event, one core, steady state after warm-up, best of 3)"
    }
}
