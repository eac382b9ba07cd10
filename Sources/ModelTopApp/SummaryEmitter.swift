#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModelTopCore
import ModelTopKafka
import ModelTopReport
import ModelTopSystem
import ModelTopText

/// `watch --no-tui --emit-panes DEST`: every interval, what the session's panes gained since
/// the last block goes to DEST as pane-summary blocks, for a dashboard or report elsewhere to
/// merge (`panes:FILE`, `panes+kafka://`). DEST is a file (blocks appended) or
/// `kafka://BROKERS/TOPIC` (a message per model keyed by its name, so a model's blocks stay in
/// order in one partition).
public final class SummaryEmitter {
    private enum Destination {
        case file(Int32, String)
        case kafka(KafkaProducer, topic: String)
    }

    private let destination: Destination
    /// This run's identity (random: a restarted worker is a new instance).
    public let instance: UInt64
    public let name: String
    private var sequence = 0
    /// Totals so far, for the worker's status lines.
    public private(set) var blocks = 0
    public private(set) var bytes = 0
    public private(set) var fragments = 0

    /// - Throws: ``AppError`` when DEST cannot be opened or is a malformed Kafka URL.
    public init(destination: String, workerName: String?, kafkaOptions: [(String, String)]) throws {
        var generator = SystemRandomNumberGenerator()
        instance = generator.next() | 1
        name = workerName ?? "\(ProcessInfo.processInfo.hostName):\(getpid())"
        if KafkaTarget.isKafka(destination) {
            let target: KafkaTarget
            do {
                target = try KafkaTarget(destination)
            } catch {
                throw AppError("--emit-panes: \(error)")
            }
            guard target.topics.count == 1, target.group == nil, target.start == nil, !target.carriesSummaries else {
                throw AppError("--emit-panes: one topic, no query: kafka://BROKER[,BROKER...]/TOPIC")
            }
            do {
                self.destination = .kafka(try KafkaProducer(brokers: target.brokers, options: kafkaOptions), topic: target.topics[0])
            } catch {
                throw AppError("--emit-panes: \(error)")
            }
        } else {
            let fd = open(destination, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw AppError("--emit-panes \(destination): \(String(cString: strerror(errno)))") }
            self.destination = .file(fd, destination)
        }
    }

    deinit {
        if case .file(let fd, _) = destination { close(fd) }
    }

    /// Takes what the session's panes gained and sends it.
    /// - Throws: ``AppError`` when it cannot be written or queued.
    public func emit(_ session: inout Session, wallTime: Double) throws {
        let total = session.ingest.total
        let worker = WorkerSummary(instance: instance, name: name, sequence: sequence, wallTime: wallTime, paneSeconds: 0,
                                   sampleLimit: nil, maxCategories: 0, clock: nil, outOfRange: 0, modelsOverCap: 0,
                                   lines: total.lines, events: total.events, malformed: total.malformed)
        sequence += 1
        let records = session.takeSummaries(worker: worker)
        fragments += records.reduce(0) { if case .pane = $1 { $0 + 1 } else { $0 } }
        let symbols = session.monitor.symbols
        switch destination {
        case .file(let fd, let path):
            let block = SummaryBlock.encode(records, symbols: symbols)
            try write(block, to: fd, path: path)
            blocks += 1
            bytes += block.count
        case .kafka(let producer, let topic):
            // A message per model: the worker record, the model's summary and its fragments; the
            // worker record alone when nothing else carries it (alive, nothing new).
            var groups: [(String, [SummaryRecord])] = [("(worker)", [records[0]])]
            for record in records.dropFirst() {
                if case .model(let m) = record { groups.append((symbols.name(m.model), [records[0]])) }
                groups[groups.count - 1].1.append(record)
            }
            if groups.count > 1, groups[0].1.count == 1 { groups.removeFirst() }
            for (key, group) in groups {
                let block = SummaryBlock.encode(group, symbols: symbols)
                do {
                    try producer.send(topic: topic, key: key, value: block)
                } catch {
                    throw AppError("--emit-panes: \(error)")
                }
                blocks += 1
                bytes += block.count
            }
            if let error = producer.newError() { Output.error("--emit-panes: kafka: \(error)") }
            // Offsets of the events these blocks cover are committed once the brokers have them.
            let left = producer.flush(timeout: 10_000)
            guard left == 0 else {
                Output.error("--emit-panes: \(left) blocks not yet acknowledged by Kafka: offsets not committed yet")
                return
            }
        }
        session.releaseCommits()
    }

    /// Waits (up to 10 s) for queued Kafka messages; says how many were not delivered.
    public func finish() {
        guard case .kafka(let producer, _) = destination else { return }
        let left = producer.flush(timeout: 10_000)
        if left > 0 { Output.error("--emit-panes: \(left) blocks not delivered to Kafka") }
    }

    private func write(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        do {
            try SystemCall.writeAll(bytes, to: fd, path)
        } catch {
            throw AppError("--emit-panes: \(error)")
        }
    }

    /// The worker's status line (`--no-tui` prints it instead of a report: its panes are sent
    /// away, a report of them would show nothing).
    public func statusLine(_ session: Session, time: Double) -> String {
        let total = session.ingest.total
        return JSONValue.object([
            ("type", .string("worker")), ("time", .number(time)), ("worker", .string(name)),
            ("instance", .string(String(instance, radix: 16))), ("clock", .number(session.monitor.clock)),
            ("lines", .int(total.lines)), ("events", .int(total.events)), ("malformed", .int(total.malformed)),
            ("blocks", .int(blocks)), ("fragments", .int(fragments)), ("bytes", .int(bytes)),
            ("kafka", session.ingest.partitionsJSON()), ("notices", .array(session.ingest.notices.map { .string($0.message) })),
        ]).rendered()
    }
}
