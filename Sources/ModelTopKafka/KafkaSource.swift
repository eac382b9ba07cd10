import Foundation
import Synchronization
import ModelTopCore
import ModelTopIngest

/// Reads the topics of a ``KafkaTarget`` into decoded batches: as an observer every partition
/// assigned to itself (no commits), or as a member of `group=NAME` the partitions the group
/// gives it, committing offsets only of events already applied (stored when their batch is
/// recycled). Each message's value is one event or NDJSON lines; each partition is a source
/// named `TOPIC/PARTITION`. `watch` follows (``start(take:deliver:)``); `report` reads up to
/// the high watermarks present at the start (``readToEnd(_:)``).
public final class KafkaSource: @unchecked Sendable {
    public let target: KafkaTarget
    /// librdkafka settings (`--kafka-option KEY=VALUE`): security.protocol, sasl.*, ssl.*, ...
    public let options: [(String, String)]
    /// Milliseconds to wait for the brokers when starting.
    public var timeout: Int32 = 10_000
    /// For `panes+kafka://`: the most classes outcomes count one by one (this process's).
    public var summaryClassLimit = 1000
    private let mapping: FieldMapping
    private let symbols: SymbolTable
    /// Names of the unnamed inputs of inference payloads, by model (`--config`).
    private let featureNames: [String: [String]]
    private let stopped = Atomic<Bool>(false)
    /// Signalled when the following thread has closed its consumer.
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    public init(target: KafkaTarget, options: [(String, String)], mapping: FieldMapping, symbols: SymbolTable,
                featureNames: [String: [String]] = [:]) {
        self.target = target
        self.options = options
        self.mapping = mapping
        self.symbols = symbols
        self.featureNames = featureNames
    }

    /// Follows the topics on a thread of its own until ``stop()``, from `target.start` (else
    /// the latest offsets). Errors (brokers down, unknown topics) are delivered as notices and
    /// in the partitions' state; librdkafka reconnects by itself.
    public func start(take: @escaping @Sendable () -> DecodedBatch?, deliver: @escaping @Sendable (DecodedBatch) -> Void) {
        let thread = Thread { [self] in
            defer { finished.signal() }
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
                let due = now - lastWatermarks >= 2
                if due {
                    reader.refreshWatermarks()
                    lastWatermarks = now
                }
                guard let batch = take() else { continue }
                reader.read(into: batch, budget: 0.1)
                // Inference halves that waited too long for their other half.
                if due { _ = reader.cloudEvents.expire(now: now, source: "kafka", into: batch) }
                deliver(batch)
            }
            // A group member leaves now (its partitions go to the others at once).
            reader.consumer.close()
        }
        thread.name = "modeltop-kafka"
        self.thread = thread
        thread.start()
    }

    /// Stops following and waits (up to 5 s) for the consumer to close: a group member leaves
    /// the group and commits what was stored before the process ends.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed), thread != nil else { return }
        _ = finished.wait(timeout: .now() + 5)
    }

    /// Reads every partition from `target.start` (else the earliest offset) up to its high
    /// watermark at the start, and hands over batches as they fill.
    /// - Throws: ``KafkaError`` when the brokers cannot be reached or a topic is unknown.
    public func readToEnd(_ apply: (DecodedBatch) -> Void) throws(KafkaError) {
        guard target.group == nil else {
            throw KafkaError("group= is for watch (a group shares partitions while following); report reads as an observer")
        }
        var reader = try Reader(source: self, start: target.start ?? .earliest)
        reader.refreshWatermarks()
        let ends = reader.highWatermarks()
        while !reader.reached(ends) {
            let batch = DecodedBatch()
            reader.read(into: batch, budget: 0.2)
            apply(batch)
        }
        // Inference halves still alone at the end.
        let last = DecodedBatch()
        _ = reader.cloudEvents.expire(now: .infinity, source: "kafka", into: last)
        apply(last)
    }

    /// One consumer and the state of its partitions.
    private struct Reader {
        let consumer: KafkaConsumer
        let decoder: EventDecoder
        let symbols: SymbolTable
        /// Messages with CloudEvents headers, and the joins of inference requests and responses.
        let cloudEvents: NetworkIngest
        let timeout: Int32
        /// A group member: offsets are stored once applied.
        let inGroup: Bool
        /// Set for `panes+kafka://`.
        let summaryClassLimit: Int?
        var status: [String: KafkaPartitionStatus] = [:]
        var sources: [String: Symbol] = [:]
        var sourceTimes: [String: Double] = [:]
        var atEnd = Set<String>()
        /// In a group: the next offset of each partition this process already delivered. After a
        /// rebalance gives a partition back, the group resumes at its committed offset, which may
        /// be behind what this process applied (offsets are committed after the fact): those
        /// messages are skipped, not applied twice.
        var delivered: [String: Int64] = [:]
        var lastError: String?

        init(source: KafkaSource, start: KafkaTarget.Start) throws(KafkaError) {
            consumer = try KafkaConsumer(brokers: source.target.brokers, group: source.target.group,
                                         resetToEarliest: start == .earliest, options: source.options)
            decoder = EventDecoder(mapping: source.mapping, symbols: source.symbols)
            symbols = source.symbols
            cloudEvents = NetworkIngest(mapping: source.mapping, symbols: source.symbols, featureNames: source.featureNames,
                                        joinTTL: 60, joinCapacity: 100_000)
            timeout = source.timeout
            inGroup = source.target.group != nil
            summaryClassLimit = source.target.carriesSummaries ? source.summaryClassLimit : nil
            if inGroup {
                // The group assigns partitions (and moves them as members come and go).
                for topic in source.target.topics { _ = try consumer.partitions(of: topic, timeout: timeout) }
                try consumer.subscribe(source.target.topics)
                return
            }
            var partitions: [(topic: String, partition: Int32)] = []
            for topic in source.target.topics {
                let count = try consumer.partitions(of: topic, timeout: timeout)
                for p in 0..<count {
                    partitions.append((topic, p))
                    ensure(topic, p)
                }
            }
            let offsets: [Int64]
            switch start {
            case .earliest: offsets = partitions.map { _ in KafkaConsumer.beginning }
            case .latest: offsets = partitions.map { _ in KafkaConsumer.end }
            case .ago(let seconds):
                let ms = Int64((Date().timeIntervalSince1970 - seconds) * 1000)
                offsets = try consumer.offsets(at: ms, of: partitions, timeout: timeout)
            }
            try consumer.assign(zip(partitions, offsets).map { ($0.topic, $0.partition, $1) })
        }

        /// The state and source of a partition, made when first seen.
        mutating func ensure(_ topic: String, _ partition: Int32) {
            let key = Self.key(topic, partition)
            guard status[key] == nil else { return }
            status[key] = KafkaPartitionStatus(topic: topic, partition: Int(partition))
            sources[key] = symbols.intern(key)
        }

        static func key(_ topic: String, _ partition: Int32) -> String { "\(topic)/\(partition)" }

        /// Asks the brokers for each partition's high watermark (for the lag); a partition whose
        /// broker does not answer shows why until it does (a broker outage is visible).
        mutating func refreshWatermarks() {
            if inGroup {
                // Partitions the group moved to other members are theirs to show.
                let assigned = consumer.assignment()
                status = status.filter { assigned.contains($0.key) }
            }
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
            var applied: [String: (topic: String, partition: Int32, next: Int64)] = [:]
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
                case .record(let topic, let partition, let offset, let value, let headers):
                    ensure(topic, partition)
                    let key = Self.key(topic, partition)
                    if inGroup {
                        if let next = delivered[key], offset < next { continue }  // applied before a rebalance
                        delivered[key] = offset + 1
                        applied[key] = (topic, partition, offset + 1)
                    }
                    if let classLimit = summaryClassLimit {
                        // A pane-summary block (panes+kafka://): merged, not decoded as events.
                        do {
                            batch.summaries += try SummaryBlock.decode(value, symbols: symbols, classLimit: classLimit)
                        } catch {
                            batch.notices.append(SourceNotice(.warning, "kafka: \(key) offset \(offset): \(error) (skipped)"))
                            if let source = sources[key] { batch[statisticsOf: source].malformed += 1 }
                        }
                    } else if headers["ce_specversion"] != nil {
                        // The Kafka binding of CloudEvents (KServe, Seldon): as the HTTP receiver reads them.
                        let http = Dictionary(headers.map { name, value in
                            (name.hasPrefix("ce_") ? "ce-" + name.dropFirst(3) : name, value)
                        }, uniquingKeysWith: { a, _ in a })
                        _ = cloudEvents.ingest(.init(headers: http, body: value, source: key, arrival: Date().timeIntervalSince1970),
                                               into: batch)
                    } else {
                        lines[key, default: []] += value
                        if value.last != 0x0a { lines[key]!.append(0x0a) }
                    }
                    bytes += value.count + 1
                    status[key]?.nextOffset = offset + 1
                    status[key]?.messages += 1
                    status[key]?.lastError = nil
                    lastError = nil
                    atEnd.remove(key)
                case .endOfPartition(let topic, let partition, let offset):
                    ensure(topic, partition)
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
                let context = EventDecoder.Context(node: source, sourceName: key, arrivalTime: now)
                var sourceTime = sourceTimes[key]
                decoder.decode(bytes: bytes, context: context, sourceTime: &sourceTime, into: &batch.events,
                               statistics: &batch[statisticsOf: source], malformed: &batch.malformed)
                batch[statisticsOf: source].bytes += bytes.count
                sourceTimes[key] = sourceTime
            }
            batch.partitions = status.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
            if !applied.isEmpty {
                // Committed only once the session applied these events.
                let consumer = self.consumer, offsets = Array(applied.values)
                batch.onApplied = { consumer.store(offsets) }
            }
        }
    }
}
