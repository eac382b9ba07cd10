import Foundation
import FuzzSupport
import ModelTopCore
import ModelTopIngest
import ModelTopReport

/// Pane-summary blocks (`panes:FILE`, `panes+kafka://`: bytes from other machines). The first
/// byte picks the mode:
/// - even: the rest is a stream of blocks, read as a `panes:` file reads it, merged into a
///   monitor with the workers' reference, then reported. Checks: no crash, no unbounded
///   allocation; records that decode encode to a block that decodes and encodes to the same
///   bytes.
/// - odd: the rest drives a worker (4 bytes an event: model, value, category and label, time
///   step) whose blocks, taken every few events, are merged. Checks: the merged lifetime counts
///   and the merged panes' predictions equal the worker's.
/// With FUZZ_PANES_SEED=FILE, an odd input also writes its blocks (after a 0 byte) to FILE:
/// how Corpus/panes got its even seeds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPanes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] % 2 == 0 { mergeBlocks(bytes) } else { runWorker(bytes) }
    return 0
}

private let configuration: MonitorConfiguration = {
    var c = MonitorConfiguration()
    c.sampleLimit = 64
    c.panes = 8
    c.window = 2
    c.maxCategories = 8
    return c
}()

/// The worker's and the merging side's symbol tables (names interned in another order), and
/// monitors with the reference made once (copied for each input).
private let workerSymbols = SymbolTable()
private let mergerSymbols: SymbolTable = {
    let table = SymbolTable()
    _ = table.intern("shifts the merging side's symbols")
    return table
}()
private let workerMonitor = makeMonitor(workerSymbols, emits: true)
private let plainMonitor = makeMonitor(workerSymbols)
private let mergerMonitor = makeMonitor(mergerSymbols)

/// A monitor with the reference both sides share: models "m" (binary) and "r" (regression),
/// features "x" (numeric) and "c" (categorical). (No scores: a score calibration per input
/// would take most of the time.)
private func makeMonitor(_ symbols: SymbolTable, emits: Bool = false) -> FleetMonitor {
    var c = configuration
    c.emitsSummaries = emits
    var monitor = FleetMonitor(configuration: c, symbols: symbols)
    var reference = EventBatch()
    var state: UInt64 = 7
    for i in 0..<300 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let x = Double(state >> 40) / Double(1 << 24)
        for model in ["m", "r"] {
            let prediction: Value = model == "m" ? .number(x > 0.5 ? 1 : 0) : .number(x * 10)
            let label: Value = model == "m" ? .number(i % 3 == 0 ? 0 : 1) : .number(x * 10 + 1)
            reference.append(Event(kind: .prediction, model: symbols.intern(model), node: symbols.intern("n"), time: Double(i),
                                   prediction: prediction, label: label),
                             features: [.init(name: symbols.intern("x"), value: .number(x)),
                                        .init(name: symbols.intern("c"), value: .string(symbols.intern(["a", "b", "c"][i % 3])))])
        }
    }
    monitor.addReference(reference)
    monitor.finishReferences()
    return monitor
}

private func worker(_ n: Int) -> WorkerSummary {
    WorkerSummary(instance: 42, name: "fuzz", sequence: n, wallTime: Double(n), paneSeconds: 60, sampleLimit: 64, maxCategories: 8,
                  clock: nil, outOfRange: 0, modelsOverCap: 0, lines: 0, events: 0, malformed: 0)
}

private func mergeBlocks(_ bytes: [UInt8]) {
    let symbols = mergerSymbols
    var merger = mergerMonitor
    var stream = SummaryStream(symbols: symbols, classLimit: configuration.maxCategories)
    // In two parts, as a follower reads a growing file.
    let cut = bytes.count / 3
    for part in [bytes[..<cut], bytes[cut...]] {
        guard let records = try? stream.append(part) else { break }
        merger.absorb(records)
        let block = SummaryBlock.encode(records, symbols: symbols)
        let again = try? SummaryBlock.decode(block, symbols: symbols, classLimit: configuration.maxCategories)
        check(again != nil, "a block of decoded records does not decode")
        check(SummaryBlock.encode(again ?? [], symbols: symbols) == block, "a block does not encode back to the same bytes")
    }
    _ = FleetReport(ingest: IngestSummary(), monitor: merger).json().rendered()
}

private func runWorker(_ bytes: [UInt8]) {
    let symbols = workerSymbols, other = mergerSymbols
    var producer = workerMonitor
    var one = plainMonitor
    var merger = mergerMonitor
    var time = 1_000_000.0
    var sequence = 0
    var blocks: [UInt8] = []
    var batch = EventBatch()
    func flush() {
        producer.apply(batch)
        one.apply(batch)
        batch = EventBatch()
        let block = SummaryBlock.encode(producer.takeSummaries(worker: worker(sequence)), symbols: symbols)
        sequence += 1
        blocks += block
        let records = try? SummaryBlock.decode(block, symbols: other, classLimit: configuration.maxCategories)
        check(records != nil, "a worker's block does not decode")
        merger.absorb(records ?? [])
    }
    var i = 0
    while i + 4 <= bytes.count {
        let b = bytes[i..<i + 4].map(Int.init)
        i += 4
        time += Double(b[3] % 64) * (b[3] >= 250 ? 600 : 1)  // now and then a jump past the history
        let model = symbols.intern(b[0] % 2 == 0 ? "m" : "r")
        let x = Double(b[1]) / 25.5
        if b[0] % 7 == 6 {
            batch.append(Event(kind: .label, model: model, node: symbols.intern("n"), time: time, label: .number(Double(b[2] % 2)),
                               id: JoinKey(number: Double(b[1]))))
        } else {
            batch.append(Event(kind: .prediction, model: model, node: symbols.intern("n\(b[2] % 3)"),
                               version: symbols.intern("v\(b[0] % 3)"), time: time, prediction: .number(x > 5 ? 1 : 0),
                               id: b[0] % 5 == 0 ? JoinKey(number: Double(b[1])) : nil, score: x / 10, latency: x),
                         features: [.init(name: symbols.intern("x"), value: .number(x)),
                                    .init(name: symbols.intern(b[2] % 5 == 0 ? "z" : "c"),
                                          value: .string(symbols.intern(String(UnicodeScalar(97 + b[2] % 12)!))))])
        }
        if b[0] % 11 == 0 { flush() }
    }
    flush()
    if let path = ProcessInfo.processInfo.environment["FUZZ_PANES_SEED"] {
        _ = FileManager.default.createFile(atPath: path, contents: Data([0] + blocks))
    }
    // One process over the same events keeps the same panes with the same predictions.
    for model in one.models {
        let name = symbols.name(model.name)
        let merged = merger.models.first { other.name($0.name) == name }
        check(merged?.totals.predictions == model.totals.predictions, "\(name): lifetime predictions differ")
        check(merged?.totals.labelEvents == model.totals.labelEvents, "\(name): label events differ")
        let window = (Int.min / 2)...(Int.max / 2)
        func kept(_ model: ModelMonitor) -> [[Int]] {
            var rows: [[Int]] = []
            model.panes.forEachPane(in: window) { index, pane in rows.append([index, pane.predictions, pane.outcomes.joined]) }
            return rows
        }
        let a = kept(model)
        let b = merged.map(kept)
        check(a == b, "\(name): panes \(a) merged as \(b ?? [])")
    }
}
