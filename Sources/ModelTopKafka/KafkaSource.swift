import Foundation
import Synchronization
import ModelTopCore
import ModelTopIngest

/// Reads the topics of a ``KafkaTarget`` into decoded batches: every partition assigned to
/// itself (an observer: no group, no commits), each message's value one event or NDJSON lines,
/// each partition a source named `TOPIC/PARTITION`. `watch` follows (``start(take:deliver:)``);
/// `report` reads up to the high watermarks present at the start (``readToEnd(_:)``).
public final class KafkaSource: @unchecked Sendable {
    public let target: KafkaTarget
    /// librdkafka settings (`--kafka-option KEY=VALUE`): security.protocol, sasl.*, ssl.*, ...
    public let options: [(String, String)]
    /// Milliseconds to wait for the brokers when starting.
    public var timeout: Int32 = 10_000
    private let mapping: FieldMapping
    private let symbols: SymbolTable
    private let stopped = Atomic<Bool>(false)
    private var thread: Thread?

    public init(target: KafkaTarget, options: [(String, String)], mapping: FieldMapping, symbols: SymbolTable) {
        self.target = target
        self.options = options
        self.mapping = mapping
        self.symbols = symbols
    }

    /// Follows the topics on a thread of its own until ``stop()``, from `target.start` (else
    /// the latest offsets). Errors (brokers down, unknown topics) are delivered as notices and
    /// in the partitions' state; librdkafka reconnects by itself.
    public func start(take: @escaping @Sendable () -> DecodedBatch?, deliver: @escaping @Sendable (DecodedBatch) -> Void) {
        let thread = Thread { [self] in
            var reader: Reader
            do throws(KafkaError) {
                reader = try Reader(source: self, start: target.start ?? .latest)
            } catch {
                if let batch = take() {
                    batch.notices.append(SourceNotice(.error, "kafka: \(error.description)"))
                    deliver(batch)
                }
                return
            }
            var lastWatermarks = 0.0
            while !stopped.load(ordering: .relaxed) {
                let now = Date().timeIntervalSince1970
                if now - lastWatermarks >= 2 {
                    reader.refreshWatermarks()
                    lastWatermarks = now
                }
                guard let batch = take() else { continue }
                reader.read(into: batch, budget: 0.1)
                deliver(batch)
            }
        }
        thread.name = "modeltop-kafka"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Reads every partition from `target.start` (else the earliest offset) up to its high
    /// watermark at the start, and hands over batches as they fill.
    /// - Throws: ``KafkaError`` when the brokers cannot be reached or a topic is unknown.
    public func readToEnd(_ apply: (DecodedBatch) -> Void) throws(KafkaError) {
        var reader = try Reader(source: self, start: target.start ?? .earliest)
        reader.refreshWatermarks()
        let ends = reader.highWatermarks()
        while !reader.reached(ends) {
            let batch = DecodedBatch()
            reader.read(into: batch, budget: 0.2)
            apply(batch)
        }
    }

    /// One consumer and the state of its partitions.
    private struct Reader {
        let consumer: KafkaConsumer
        let decoder: EventDecoder
        let timeout: Int32
        var status: [String: KafkaPartitionStatus] = [:]
        var sources: [String: Symbol] = [:]
        var sourceTimes: [String: Double] = [:]
        var atEnd = Set<String>()
        var lastError: String?

        init(source: KafkaSource, start: KafkaTarget.Start) throws(KafkaError) {
            consumer = try KafkaConsumer(brokers: source.target.brokers, options: source.options)
            decoder = EventDecoder(mapping: source.mapping, symbols: source.symbols)
            timeout = source.timeout
            var assignment: [(topic: String, partition: Int32, offset: Int64)] = []
            for topic in source.target.topics {
                let count = try consumer.partitions(of: topic, timeout: timeout)
                for p in 0..<count {
                    assignment.append((topic, p, start == .earliest ? KafkaConsumer.beginning : KafkaConsumer.end))
                    let key = Self.key(topic, p)
                    status[key] = KafkaPartitionStatus(topic: topic, partition: Int(p))
                    sources[key] = source.symbols.intern(key)
                }
            }
            try consumer.assign(assignment)
        }

        static func key(_ topic: String, _ partition: Int32) -> String { "\(topic)/\(partition)" }

        /// Asks the brokers for each partition's high watermark (for the lag); a partition whose
        /// broker does not answer shows why until it does (a broker outage is visible).
        mutating func refreshWatermarks() {
            for key in status.keys {
                let s = status[key]!
                do {
                    let marks = try consumer.watermarks(topic: s.topic, partition: Int32(s.partition), timeout: 1000)
                    status[key]!.highWatermark = marks.high
                    status[key]!.lastError = nil
                } catch {
                    status[key]!.lastError = error.description
                }
            }
        }

        func highWatermarks() -> [String: Int64] { status.compactMapValues(\.highWatermark) }

        /// True when every partition was read up to `ends` (or said it is at its end there).
        func reached(_ ends: [String: Int64]) -> Bool {
            ends.allSatisfy { key, high in
                guard let s = status[key] else { return true }
                return high <= (s.nextOffset ?? (atEnd.contains(key) ? high : 0)) || (high == 0)
            }
        }

        /// Polls messages for up to `budget` seconds (or 4 MiB), decodes them per partition
        /// into `batch`, and adds the partitions' state.
        mutating func read(into batch: DecodedBatch, budget: Double) {
            let deadline = Date().timeIntervalSince1970 + budget
            var lines: [String: [UInt8]] = [:]
            var bytes = 0
            while Date().timeIntervalSince1970 < deadline, bytes < 4 << 20 {
                let message = consumer.poll(timeout: 50)
                // Client-wide errors in the order they came: a record after one clears it.
                if let error = consumer.newError() {
                    if error != lastError { batch.notices.append(SourceNotice(.warning, "kafka: \(error)")) }
                    lastError = error
                    for key in status.keys { status[key]!.lastError = error }
                }
                guard let message else { continue }
                switch message {
                case .record(let topic, let partition, let offset, let value):
                    let key = Self.key(topic, partition)
                    lines[key, default: []] += value
                    if value.last != 0x0a { lines[key]!.append(0x0a) }
                    bytes += value.count + 1
                    status[key]?.nextOffset = offset + 1
                    status[key]?.messages += 1
                    status[key]?.lastError = nil
                    lastError = nil
                    atEnd.remove(key)
                case .endOfPartition(let topic, let partition, let offset):
                    let key = Self.key(topic, partition)
                    status[key]?.nextOffset = offset
                    atEnd.insert(key)
                case .error(let text):
                    if text != lastError {
                        batch.notices.append(SourceNotice(.warning, "kafka: \(text)"))
                        lastError = text
                    }
                    for key in status.keys { status[key]!.lastError = text }
                }
            }
            let now = Date().timeIntervalSince1970
            for (key, bytes) in lines {
                guard let source = sources[key] else { continue }
                var padded = bytes
                padded += [UInt8](repeating: 0x20, count: ReadBuffer.padding)
                let context = EventDecoder.Context(node: source, sourceName: key, arrivalTime: now)
                var sourceTime = sourceTimes[key]
                padded.withUnsafeBytes { raw in
                    decoder.decode(UnsafeRawBufferPointer(rebasing: raw[0..<bytes.count]), context: context, sourceTime: &sourceTime,
                                   into: &batch.events, statistics: &batch[statisticsOf: source], malformed: &batch.malformed)
                }
                batch[statisticsOf: source].bytes += bytes.count
                sourceTimes[key] = sourceTime
            }
            batch.partitions = status.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        }
    }
}
