import CKafka
import Synchronization

/// A librdkafka consumer: an observer that assigns partitions itself (nothing committed), or a
/// member of a consumer group that commits the offsets stored after their events were applied.
/// One thread polls it; ``store(_:)`` may be called from any thread.
final class KafkaConsumer: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Client-wide errors librdkafka reported (its log lines are dropped).
    private let errors: UnsafeMutablePointer<mt_kafka_errors>
    private var errorsSeen: UInt = 0

    /// One message: its partition, offset and value (copied), or that a partition reached
    /// its end.
    enum Message {
        /// `headers`: the message's headers, names in lower case (empty for most).
        case record(topic: String, partition: Int32, offset: Int64, value: [UInt8], headers: [String: String])
        case endOfPartition(topic: String, partition: Int32, offset: Int64)
        case error(String)
    }

    /// - Parameters:
    ///   - brokers: `bootstrap.servers`.
    ///   - options: further librdkafka settings (`--kafka-option KEY=VALUE`), applied last.
    /// - Throws: ``KafkaError`` naming a setting librdkafka refused.
    init(brokers: String, group: String? = nil, resetToEarliest: Bool = true, options: [(String, String)]) throws(KafkaError) {
        // An observer: a group id librdkafka needs for assign() but never joined (nothing stored
        // or committed). A group member: offsets stored by hand once applied, committed by
        // librdkafka every 5 s. Both: a message at each partition's end, reconnects within 2 s.
        // Members notice a rebalance within a second and are given up after 10 s of silence
        // (librdkafka's defaults, 3 s and 45 s, leave a joining member idle for long).
        let membership = group.map {
            [("group.id", $0), ("enable.auto.commit", "true"), ("auto.offset.reset", resetToEarliest ? "earliest" : "latest"),
             ("session.timeout.ms", "10000"), ("heartbeat.interval.ms", "1000"), ("max.poll.interval.ms", "30000")]
        } ?? [("group.id", "modeltop-observer"), ("enable.auto.commit", "false")]
        let settings = [("bootstrap.servers", brokers)] + membership
            + [("enable.auto.offset.store", "false"), ("enable.partition.eof", "true"), ("client.id", "modeltop"),
               ("reconnect.backoff.max.ms", "2000")] + options
        (handle, errors) = try KafkaHandle.make(RD_KAFKA_CONSUMER, settings: settings)
        // Client-wide events (errors) are served by the consumer's own poll.
        rd_kafka_poll_set_consumer(handle)
    }

    private let closed = Mutex<Bool>(false)

    /// Leaves the group cleanly (committing what was stored) or ends the observer's fetches.
    /// The first call does it; later ones return at once.
    func close() {
        let first = closed.withLock { done in
            defer { done = true }
            return !done
        }
        if first { rd_kafka_consumer_close(handle) }
    }

    deinit {
        close()
        rd_kafka_destroy(handle)
        mt_kafka_errors_free(errors)
    }

    /// The last client-wide error (brokers down, authentication), when one came since the last call.
    func newError() -> String? {
        guard let error = KafkaHandle.newError(errors, seen: &errorsSeen) else { return nil }
        // The (never joined) group's coordinator is one of the brokers: its errors say the same.
        return error.hasPrefix("GroupCoordinator: ") ? String(error.dropFirst("GroupCoordinator: ".count)) : error
    }

    /// The partition count of `topic`.
    /// - Throws: ``KafkaError`` when the brokers cannot be reached in `timeout` or the topic is unknown.
    func partitions(of topic: String, timeout: Int32) throws(KafkaError) -> Int32 {
        var err = RD_KAFKA_RESP_ERR_NO_ERROR
        let count = mt_kafka_partition_count(handle, topic, timeout, &err)
        guard count >= 0 else { throw KafkaError("topic \(topic): \(String(cString: rd_kafka_err2str(err)))") }
        return count
    }

    /// The low and high watermarks (the first offset, and the next one to be written).
    func watermarks(topic: String, partition: Int32, timeout: Int32) throws(KafkaError) -> (low: Int64, high: Int64) {
        var low: Int64 = 0, high: Int64 = 0
        let err = rd_kafka_query_watermark_offsets(handle, topic, partition, &low, &high, timeout)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError("topic \(topic) partition \(partition): \(String(cString: rd_kafka_err2str(err)))")
        }
        return (low, high)
    }

    /// Assigns `partitions`, each from `offset` (an offset, or RD_KAFKA_OFFSET_BEGINNING/END).
    func assign(_ partitions: [(topic: String, partition: Int32, offset: Int64)]) throws(KafkaError) {
        guard let list = rd_kafka_topic_partition_list_new(Int32(partitions.count)) else { throw KafkaError("librdkafka: out of memory") }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for p in partitions { rd_kafka_topic_partition_list_add(list, p.topic, p.partition).pointee.offset = p.offset }
        let err = rd_kafka_assign(handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError("assigning partitions: \(String(cString: rd_kafka_err2str(err)))") }
    }

    /// Joins the group and subscribes to `topics` (the group assigns partitions).
    func subscribe(_ topics: [String]) throws(KafkaError) {
        guard let list = rd_kafka_topic_partition_list_new(Int32(topics.count)) else { throw KafkaError("librdkafka: out of memory") }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics { rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA) }
        let err = rd_kafka_subscribe(handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError("subscribing: \(String(cString: rd_kafka_err2str(err)))") }
    }

    /// The first offset of each partition with a message at or after `milliseconds` (Unix
    /// time), or the end when there is none.
    func offsets(at milliseconds: Int64, of partitions: [(topic: String, partition: Int32)], timeout: Int32)
        throws(KafkaError) -> [Int64]
    {
        guard let list = rd_kafka_topic_partition_list_new(Int32(partitions.count)) else { throw KafkaError("librdkafka: out of memory") }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for p in partitions { rd_kafka_topic_partition_list_add(list, p.topic, p.partition).pointee.offset = milliseconds }
        let err = rd_kafka_offsets_for_times(handle, list, timeout)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError("offsets for a time: \(String(cString: rd_kafka_err2str(err)))") }
        return (0..<Int(list.pointee.cnt)).map { i in
            let offset = list.pointee.elems[i].offset
            return offset < 0 ? Self.end : offset  // -1: no message that late
        }
    }

    /// The partitions assigned now (a group member's change with rebalances).
    func assignment() -> Set<String> {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        guard rd_kafka_assignment(handle, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return Set((0..<Int(list.pointee.cnt)).map { i in
            let p = list.pointee.elems[i]
            return "\(String(cString: p.topic))/\(p.partition)"
        })
    }

    /// Stores `offsets` (the next offset to read, per partition) for the group's next commit.
    /// Partitions no longer assigned are skipped by librdkafka. Thread-safe.
    func store(_ offsets: [(topic: String, partition: Int32, next: Int64)]) {
        guard !offsets.isEmpty, let list = rd_kafka_topic_partition_list_new(Int32(offsets.count)) else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for o in offsets { rd_kafka_topic_partition_list_add(list, o.topic, o.partition).pointee.offset = o.next }
        _ = rd_kafka_offsets_store(handle, list)
    }

    /// A message's headers (at most 64, values up to 4 KiB), names in lower case.
    private static func headers(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> [String: String] {
        var headers: [String: String] = [:]
        var name: UnsafePointer<CChar>?, value: UnsafeRawPointer?, size = 0
        var index = 0
        while index < 64, mt_kafka_header(message, index, &name, &value, &size) == 0 {
            index += 1
            guard let name else { continue }
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: min(size, 4096))) } ?? []
            headers[String(cString: name).lowercased()] = String(decoding: bytes, as: UTF8.self)
        }
        return headers
    }

    static let beginning = Int64(RD_KAFKA_OFFSET_BEGINNING)
    static let end = Int64(RD_KAFKA_OFFSET_END)

    /// The next message, waiting at most `timeout` milliseconds; nil when none came.
    func poll(timeout: Int32) -> Message? {
        guard let message = rd_kafka_consumer_poll(handle, timeout) else { return nil }
        defer { rd_kafka_message_destroy(message) }
        let m = message.pointee
        let topic = m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        switch m.err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            let value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
            return .record(topic: topic, partition: m.partition, offset: m.offset, value: value, headers: Self.headers(message))
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .endOfPartition(topic: topic, partition: m.partition, offset: m.offset)
        default:
            return .error(String(cString: rd_kafka_err2str(m.err)))
        }
    }
}
