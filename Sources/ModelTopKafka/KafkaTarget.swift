/// A Kafka source: `kafka://BROKER[,BROKER...]/TOPIC[,TOPIC...][?from=earliest|latest]`.
///
/// modeltop reads as an observer: it assigns every partition of the topics to itself and
/// commits nothing, so it never takes partitions from a production consumer group.
public struct KafkaTarget: Sendable, Equatable {
    /// Where reading starts in each partition.
    public enum Start: String, Sendable {
        case earliest, latest
    }

    /// `host:port[,host:port...]` (librdkafka's `bootstrap.servers`).
    public var brokers: String
    public var topics: [String]
    /// Nil: the command's default (`watch`: latest, `report`: earliest).
    public var start: Start?

    public static func isKafka(_ path: String) -> Bool { path.hasPrefix("kafka://") }

    /// Parses `url`.
    /// - Throws: ``KafkaError`` saying what is wrong with it.
    public init(_ url: String) throws(KafkaError) {
        guard Self.isKafka(url) else { throw KafkaError("'\(url)' is not kafka://BROKER[,BROKER...]/TOPIC[,TOPIC...]") }
        var rest = Substring(url.dropFirst("kafka://".count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw KafkaError("\(url): no topic (kafka://BROKER/TOPIC)") }
        brokers = String(rest[..<slash])
        topics = rest[rest.index(after: slash)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !brokers.isEmpty else { throw KafkaError("\(url): no broker (kafka://BROKER/TOPIC)") }
        guard !topics.isEmpty, topics.allSatisfy({ !$0.isEmpty && !$0.contains("/") }) else {
            throw KafkaError("\(url): no topic (kafka://BROKER/TOPIC[,TOPIC...])")
        }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count == 2 ? parts[1] : nil) {
            case ("from", let value?):
                guard let start = Start(rawValue: value) else {
                    throw KafkaError("\(url): from=\(value): expected earliest or latest (a time such as -1h is not supported yet)")
                }
                self.start = start
            case ("group", _):
                throw KafkaError("\(url): group= (consumer groups) is not supported yet; without it modeltop reads every partition as an observer")
            default:
                throw KafkaError("\(url): unknown parameter '\(pair)' (known: from)")
            }
        }
    }
}

/// An error of a Kafka source, in words.
public struct KafkaError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
