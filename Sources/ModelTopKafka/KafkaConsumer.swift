import CKafka

/// A librdkafka consumer that assigns partitions itself (no group, nothing committed).
/// Not thread-safe: one thread uses it.
final class KafkaConsumer {
    private let handle: OpaquePointer
    /// Client-wide errors librdkafka reported (its log lines are dropped).
    private let errors: UnsafeMutablePointer<mt_kafka_errors>
    private var errorsSeen: UInt = 0

    /// One message: its partition, offset and value (copied), or that a partition reached
    /// its end.
    enum Message {
        case record(topic: String, partition: Int32, offset: Int64, value: [UInt8])
        case endOfPartition(topic: String, partition: Int32, offset: Int64)
        case error(String)
    }

    /// - Parameters:
    ///   - brokers: `bootstrap.servers`.
    ///   - options: further librdkafka settings (`--kafka-option KEY=VALUE`), applied last.
    /// - Throws: ``KafkaError`` naming a setting librdkafka refused.
    init(brokers: String, options: [(String, String)]) throws(KafkaError) {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError("librdkafka: cannot make a configuration") }
        // An observer: a group id librdkafka needs for assign() but never joined (nothing stored
        // or committed), a message at each partition's end, and reconnects within 2 s.
        let settings = [("bootstrap.servers", brokers), ("group.id", "modeltop-observer"), ("enable.auto.commit", "false"),
                        ("enable.auto.offset.store", "false"), ("enable.partition.eof", "true"),
                        ("client.id", "modeltop"), ("reconnect.backoff.max.ms", "2000")] + options
        for (name, value) in settings {
            if let error = mt_kafka_conf_set(conf, name, value) {
                rd_kafka_conf_destroy(conf)
                throw KafkaError("--kafka-option \(name): \(String(cString: error))")
            }
        }
        guard let errors = mt_kafka_conf_errors(conf) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError("librdkafka: out of memory")
        }
        var error = [CChar](repeating: 0, count: 512)
        guard let handle = mt_kafka_consumer_new(conf, &error, error.count) else {
            rd_kafka_conf_destroy(conf)
            mt_kafka_errors_free(errors)
            throw KafkaError("librdkafka: \(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        self.handle = handle
        self.errors = errors
        // Client-wide events (errors) are served by the consumer's own poll.
        rd_kafka_poll_set_consumer(handle)
    }

    deinit {
        rd_kafka_consumer_close(handle)
        rd_kafka_destroy(handle)
        mt_kafka_errors_free(errors)
    }

    /// The last client-wide error (brokers down, authentication), when one came since the last call.
    func newError() -> String? {
        var text = [CChar](repeating: 0, count: 256)
        let count = mt_kafka_last_error(errors, &text, text.count)
        guard count != errorsSeen else { return nil }
        errorsSeen = count
        let error = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
            return .record(topic: topic, partition: m.partition, offset: m.offset, value: value)
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .endOfPartition(topic: topic, partition: m.partition, offset: m.offset)
        default:
            return .error(String(cString: rd_kafka_err2str(m.err)))
        }
    }
}
