import Foundation
import ModelTopCore
@testable import ModelTopIngest

/// A scratch directory removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "modeltop-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func url(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: url(name), contents: Data(text.utf8))
    }

    func append(_ name: String, _ text: String) {
        let handle = FileHandle(forWritingAtPath: url(name))!
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    func rename(_ from: String, _ to: String) {
        try! FileManager.default.moveItem(atPath: url(from), toPath: url(to))
    }

    func remove(_ name: String) {
        try! FileManager.default.removeItem(atPath: url(name))
    }

    /// Empties the file in place, as `copytruncate` does.
    func truncate(_ name: String) {
        let handle = FileHandle(forWritingAtPath: url(name))!
        handle.truncateFile(atOffset: 0)
        handle.closeFile()
    }

    func copy(_ from: String, _ to: String) {
        try! FileManager.default.copyItem(atPath: url(from), toPath: url(to))
    }
}

/// Lines `{"model":"m","prediction":N}` for each N.
func lines(_ numbers: ClosedRange<Int>) -> String {
    numbers.map { #"{"model":"m","prediction":\#($0)}"# + "\n" }.joined()
}

/// Collects what a follower delivers.
final class Collector {
    let symbols = SymbolTable()
    var summary = IngestSummary()
    var predictions: [Int] = []
    var nodes: [String] = []
    private let batch = DecodedBatch()

    func follower(_ patterns: [String], options: FollowOptions = FollowOptions()) -> FileFollower {
        FileFollower(patterns: patterns, options: options, mapping: FieldMapping(), symbols: symbols,
                     take: { [batch] in batch }, deliver: { [unowned self] in self.collect($0) })
    }

    func stream(_ descriptor: Int32) -> StreamReader {
        StreamReader(descriptor: descriptor, name: "stdin", mapping: FieldMapping(), symbols: symbols,
                     take: { [batch] in batch }, deliver: { [unowned self] in self.collect($0) })
    }

    func collect(_ batch: DecodedBatch) {
        summary.apply(batch)
        for event in batch.events.events {
            if case .number(let x)? = event.prediction { predictions.append(Int(x)) }
            nodes.append(symbols.name(event.node))
        }
        batch.removeAll()
    }

    var total: SourceStatistics { summary.total }
}

/// Polls `condition` until it holds or `seconds` pass (for what another thread does: no fixed
/// sleeps, so tests hold on a loaded machine). Returns whether it held.
func eventually(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().timeIntervalSince1970 + seconds
    while !condition() {
        if Date().timeIntervalSince1970 > deadline { return false }
        Thread.sleep(forTimeInterval: 0.002)
    }
    return true
}
