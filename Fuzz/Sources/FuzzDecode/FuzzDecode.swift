import Foundation
import FuzzSupport
import ModelTopCore
import ModelTopIngest
import ModelTopReport
import ModelTopText

/// One input is the contents of a log file. It is decoded whole (simdjson's streaming path)
/// and line by line, applied to an exact monitor with a small reference, and reported as JSON
/// and as a table. Besides not crashing, it checks:
/// - every line is counted once: lines = events + malformed + blank, and lines is the number
///   of newline-terminated lines plus a last one without its newline;
/// - the whole buffer and its lines decoded one at a time agree;
/// - malformed samples and the table hold no control characters (sanitized);
/// - the report is valid JSON (no NaN or Infinity).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let symbols = SymbolTable()
    let whole = decode(input[...], decoder: EventDecoder(symbols: symbols), symbols: symbols)
    let newlines = input.lazy.filter { $0 == 0x0a }.count
    let expectedLines = newlines + (size > 0 && input[size - 1] != 0x0a ? 1 : 0)
    let s = whole.statistics
    check(s.lines == expectedLines, "lines \(s.lines), expected \(expectedLines)")
    check(s.lines == s.events + s.malformed + s.blank, "lines \(s.lines) != events \(s.events) + malformed \(s.malformed) + blank \(s.blank)")

    // Line by line, the source's event time carried from one call to the next.
    var split = SourceStatistics()
    var sourceTime: Double?
    let decoder = EventDecoder(symbols: symbols)  // as a file's reader: one decoder, read after read
    var start = 0
    for end in 0...size where end == size || input[end] == 0x0a {
        let stop = min(end + 1, size)
        if stop > start {
            let one = decode(input[start..<stop], decoder: decoder, symbols: symbols, sourceTime: &sourceTime)
            split.merge(one.statistics)
        }
        start = stop
    }
    check(split.events == s.events && split.malformed == s.malformed && split.blank == s.blank,
          "line by line: events \(split.events) malformed \(split.malformed) blank \(split.blank); whole: \(s.events) \(s.malformed) \(s.blank)")
    for line in whole.malformed {
        check(!line.text.unicodeScalars.contains { $0.value < 0x20 || (0x7f..<0xa0).contains($0.value) },
              "a malformed sample keeps a control character")
    }

    var configuration = MonitorConfiguration.exact
    configuration.referenceSize = 4
    var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
    monitor.apply(whole.batch)
    monitor.finish()
    var summary = IngestSummary()
    summary.apply(sources: [(symbols.intern("fuzz"), s)], malformed: whole.malformed, notices: [], finished: [])
    let report = FleetReport(ingest: summary, monitor: monitor)
    let json = report.json(time: 0).rendered()
    check((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the report is not valid JSON: \(json.prefix(300))")
    let table = report.table()
    check(!table.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 }, "an escape reached the table")
    return 0
}

struct Decoded {
    var batch = EventBatch()
    var statistics = SourceStatistics()
    var malformed: [MalformedLine] = []
}

/// Decodes `bytes` as one read of a file (padded as the reader pads).
func decode(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, decoder: EventDecoder, symbols: SymbolTable) -> Decoded {
    var sourceTime: Double?
    return decode(bytes, decoder: decoder, symbols: symbols, sourceTime: &sourceTime)
}

func decode(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, decoder: EventDecoder, symbols: SymbolTable,
            sourceTime: inout Double?) -> Decoded {
    var padded = Array(bytes)
    let count = padded.count
    padded += [UInt8](repeating: 0x20, count: ReadBuffer.padding)
    var out = Decoded()
    let context = EventDecoder.Context(node: symbols.intern("fuzz"), sourceName: "fuzz", arrivalTime: 1_795_700_000)
    padded.withUnsafeBytes { raw in
        decoder.decode(UnsafeRawBufferPointer(rebasing: raw[0..<count]), context: context, sourceTime: &sourceTime,
                       into: &out.batch, statistics: &out.statistics, malformed: &out.malformed)
    }
    return out
}
