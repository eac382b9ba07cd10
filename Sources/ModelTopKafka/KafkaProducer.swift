import CKafka

/// A librdkafka producer of keyed messages (pane summaries, `--emit-panes kafka://...`): a
/// message's key picks its partition, so one model's blocks stay in order in one partition.
/// Messages are copied and sent in the background; ``flush(timeout:)`` waits for them.
public final class KafkaProducer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let errors: UnsafeMutablePointer<mt_kafka_errors>
    private var errorsSeen: UInt = 0
    private var topics: [String: OpaquePointer] = [:]

    /// - Parameters:
    ///   - brokers: `bootstrap.servers`.
    ///   - options: further librdkafka settings (`--kafka-option KEY=VALUE`), applied last.
    /// - Throws: ``KafkaError`` naming a setting librdkafka refused.
    public init(brokers: String, options: [(String, String)]) throws(KafkaError) {
        // Small batches soon (a block a second per model), every message acknowledged by all
        // in-sync replicas, no duplicates from retries, blocks up to 64 MiB.
        let settings = [("bootstrap.servers", brokers), ("client.id", "modeltop-worker"), ("linger.ms", "20"),
                        ("acks", "all"), ("enable.idempotence", "true"), ("message.max.bytes", "67108864"),
                        ("reconnect.backoff.max.ms", "2000")] + options
        (handle, errors) = try KafkaHandle.make(RD_KAFKA_PRODUCER, settings: settings)
    }

    deinit {
        for topic in topics.values { rd_kafka_topic_destroy(topic) }
        rd_kafka_destroy(handle)
        mt_kafka_errors_free(errors)
    }

    /// Queues `value` for `topic` under `key`.
    /// - Throws: ``KafkaError`` when librdkafka refuses it (its queue stays full for 5 s: the
    ///   brokers are unreachable).
    public func send(topic: String, key: String, value: [UInt8]) throws(KafkaError) {
        let t: OpaquePointer
        if let known = topics[topic] {
            t = known
        } else {
            guard let made = rd_kafka_topic_new(handle, topic, nil) else { throw KafkaError("\(topic): cannot make a topic handle") }
            topics[topic] = made
            t = made
        }
        var keyBytes = Array(key.utf8)
        var value = value
        for attempt in 0..<50 {
            let result = value.withUnsafeMutableBytes { v in
                keyBytes.withUnsafeMutableBytes { k in
                    rd_kafka_produce(t, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, v.baseAddress, v.count, k.baseAddress, k.count, nil)
                }
            }
            if result == 0 { break }
            let error = rd_kafka_last_error()
            guard error == RD_KAFKA_RESP_ERR__QUEUE_FULL, attempt < 49 else {
                throw KafkaError("\(topic): \(String(cString: rd_kafka_err2str(error)))")
            }
            rd_kafka_poll(handle, 100)  // room is made as messages are delivered
        }
        rd_kafka_poll(handle, 0)
    }

    /// Messages not yet acknowledged.
    public var waiting: Int { Int(rd_kafka_outq_len(handle)) }

    /// Waits up to `timeout` milliseconds for every queued message to be delivered.
    /// - Returns: the messages still waiting (0: all delivered).
    @discardableResult
    public func flush(timeout: Int32) -> Int {
        _ = rd_kafka_flush(handle, timeout)
        return waiting
    }

    /// The last client-wide error (brokers down), when one came since the last call.
    public func newError() -> String? {
        KafkaHandle.newError(errors, seen: &errorsSeen)
    }
}
