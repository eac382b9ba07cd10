/// A Kafka source:
/// `kafka://BROKER[,BROKER...]/TOPIC[,TOPIC...][?group=NAME&from=earliest|latest|-DURATION]`.
///
/// Without `group`, modeltop reads as an observer: it assigns every partition of the topics to
/// itself and commits nothing, so it never takes partitions from a production consumer group.
/// With `group=NAME` it joins that group (partitions split among its members) and commits the
/// offsets of events already applied.
public struct KafkaTarget: Sendable, Equatable {
    /// Where reading starts in each partition.
    public enum Start: Sendable, Equatable {
        case earliest, latest
        /// This many seconds before now (by the messages' timestamps).
        case ago(Double)
    }

    /// `host:port[,host:port...]` (librdkafka's `bootstrap.servers`).
    public var brokers: String
    public var topics: [String]
    /// Nil: the command's default (`watch`: latest, `report`: earliest).
    public var start: Start?
    /// The consumer group to join; nil: an observer.
    public var group: String?

    /// `panes+kafka://...`: the messages are pane-summary blocks (of `--emit-panes`), merged.
    public var carriesSummaries = false

    public static func isKafka(_ path: String) -> Bool { path.hasPrefix("kafka://") || path.hasPrefix("panes+kafka://") }

    /// Parses `url`.
    /// - Throws: ``KafkaError`` saying what is wrong with it.
    public init(_ url: String) throws(KafkaError) {
        guard Self.isKafka(url) else { throw KafkaError("'\(url)' is not kafka://BROKER[,BROKER...]/TOPIC[,TOPIC...]") }
        carriesSummaries = url.hasPrefix("panes+")
        var rest = Substring(url.dropFirst((carriesSummaries ? "panes+kafka://" : "kafka://").count))
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
            case ("from", "earliest"?): start = .earliest
            case ("from", "latest"?): start = .latest
            case ("from", let value?):
                guard value.hasPrefix("-"), let seconds = Self.seconds(String(value.dropFirst())), seconds > 0 else {
                    throw KafkaError("\(url): from=\(value): expected earliest, latest or a time back such as -1h, -30m, -2d")
                }
                start = .ago(seconds)
            case ("group", let name?) where !name.isEmpty:
                group = name
            default:
                throw KafkaError("\(url): unknown parameter '\(pair)' (known: group, from)")
            }
        }
        if group != nil, case .ago? = start {
            throw KafkaError("\(url): from=-DURATION is for observers; a group resumes from its committed offsets")
        }
    }

    /// `90s`, `30m`, `1h`, `2d` in seconds.
    static func seconds(_ text: String) -> Double? {
        guard let unit = text.last, let number = Double(text.dropLast()), number.isFinite else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        case "h": return number * 3600
        case "d": return number * 86_400
        default: return nil
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
