import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopText

/// Decoding throughput on one core: NDJSON bytes in memory -> events in batches, through the
/// same LineReader and EventDecoder the sources use (simdjson, interning, schema checks).
enum DecodeBenchmark {
    static func run() -> String {
        var generator = EventGenerator()
        let count = Int(ProcessInfo.processInfo.environment["EVENTS"] ?? "1000000")!
        let data = generator.lines(count: count)
        let symbols = SymbolTable()
        let decoder = EventDecoder(symbols: symbols)
        let buffer = ReadBuffer()
        let batch = DecodedBatch()
        let source = symbols.intern("bench")
        var events = 0
        let seconds = Measure.best {
            var reader = LineReader()
            var offset = 0
            events = 0
            data.withUnsafeBytes { all in
                while true {
                    let n = reader.pump(buffer: buffer, decoder: decoder,
                                        context: .init(node: source, sourceName: "bench", arrivalTime: 0),
                                        into: batch, source: source) { target in
                        let n = min(target.count, all.count - offset)
                        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)]))
                        offset += n
                        return n
                    }
                    events += batch.events.events.count
                    batch.removeAll()
                    if n == 0 { break }
                }
            }
        }
        precondition(events == count, "decoded \(events) of \(count)")
        let perSecond = Double(count) / seconds
        let bytesPerEvent = Double(data.count) / Double(count)
        return "\(format(perSecond / 1e6)) M events/s, \(format(Double(data.count) / seconds / 1e6)) MB/s "
            + "(\(count) events of \(Int(bytesPerEvent.rounded())) bytes, 6 features, best of 5)"
    }
}

func format(_ x: Double, digits: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (x * scale).rounded() / scale
    return Format.shortest(r)
}
