import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopReport

/// `report` end to end, parsing included: 100k reference + 100k current rows of 20 numeric
/// features as NDJSON files, exact statistics (PSI, KS with exact sorting, JSON output).
enum ReportBenchmark {
    static let rows = 100_000
    static let features = 20

    /// Writes the two files (once) and returns their paths.
    static func files() -> (reference: String, current: String) {
        let dir = NSTemporaryDirectory() + "modeltop-bench"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let reference = dir + "/reference-100k.jsonl", current = dir + "/current-100k.jsonl"
        for (path, shift) in [(reference, 0.0), (current, 0.05)] where !FileManager.default.fileExists(atPath: path) {
            var generator = EventGenerator(seed: shift == 0 ? 1 : 2)
            var text = ""
            text.reserveCapacity(rows * 460)
            for i in 0..<rows {
                text += #"{"model":"m","ts":\#(1_795_700_000 + i),"prediction":\#(i % 2),"features":{"#
                for f in 0..<features {
                    if f > 0 { text += "," }
                    text += "\"f\(f)\":\(generator.normal() + shift)"
                }
                text += "}}\n"
            }
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        return (reference, current)
    }

    static func run() -> String {
        let (referencePath, currentPath) = files()
        var models = 0
        let seconds = Measure.best(runs: 3) {
            let symbols = SymbolTable()
            var monitor = FleetMonitor(configuration: .exact, symbols: symbols)
            SourceGroup(inputs: [referencePath], options: FollowOptions(), mapping: FieldMapping(), symbols: symbols)
                .readToEnd { batch in
                    monitor.addReference(batch.events)
                    batch.recycle()
                }
            monitor.finishReferences()
            var summary = IngestSummary()
            SourceGroup(inputs: [currentPath], options: FollowOptions(), mapping: FieldMapping(), symbols: symbols)
                .readToEnd { batch in
                    summary.apply(batch)
                    monitor.apply(batch.events)
                    batch.recycle()
                }
            monitor.finish()
            let json = FleetReport(ingest: summary, monitor: monitor).json().rendered(pretty: true)
            models = json.isEmpty ? 0 : monitor.models.count
        }
        precondition(models == 1)
        return "\(format(seconds, digits: 3)) s for \(rows) reference + \(rows) current rows x \(features) numeric features (best of 3; files in \(NSTemporaryDirectory())modeltop-bench)"
    }
}
