/// How far modeltop has read one partition of a Kafka topic (`kafka://` sources).
public struct KafkaPartitionStatus: Sendable, Equatable {
    public var topic: String
    public var partition: Int
    /// The next offset to read (nil before the first message or end of partition).
    public var nextOffset: Int64?
    /// The next offset the broker will write (the high watermark), as last asked.
    public var highWatermark: Int64?
    /// Messages read.
    public var messages = 0
    /// The last error librdkafka reported for the source (brokers down, unknown topic), until
    /// messages flow again.
    public var lastError: String?

    public init(topic: String, partition: Int) {
        self.topic = topic
        self.partition = partition
    }

    /// Messages written and not read yet (nil while either end is unknown).
    public var lag: Int64? {
        guard let high = highWatermark else { return nil }
        return max(high - (nextOffset ?? high), 0)
    }
}
