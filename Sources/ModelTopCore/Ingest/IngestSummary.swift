/// The ingest side of the state: counts per source, recent malformed lines and notices.
public struct IngestSummary: Sendable {
    /// How many malformed lines are kept for display.
    public static let malformedLimit = 50
    /// How many notices are kept.
    public static let noticeLimit = 50

    /// Counts per source, in the order sources first reported.
    public private(set) var sources: [(name: Symbol, statistics: SourceStatistics)] = []
    /// The latest malformed lines, oldest first.
    public private(set) var malformed: [MalformedLine] = []
    /// The latest notices, oldest first.
    public private(set) var notices: [SourceNotice] = []
    /// Sources that ended (a closed stream).
    public private(set) var finished: Set<Symbol> = []
    /// Where each source is in ``sources``.
    private var position: [Symbol: Int] = [:]
    /// The HTTP receiver's own counts, when `watch --listen` runs one.
    public var network: NetworkSummary?
    /// Remote hosts (`ssh://` sources), in the order they first reported.
    public private(set) var hosts: [RemoteHostStatus] = []
    /// Kafka partitions (`kafka://` sources), in the order they first reported.
    public private(set) var partitions: [KafkaPartitionStatus] = []

    /// Keeps the latest state of a Kafka partition.
    public mutating func update(partition status: KafkaPartitionStatus) {
        if let i = partitions.firstIndex(where: { $0.topic == status.topic && $0.partition == status.partition }) {
            partitions[i] = status
        } else {
            partitions.append(status)
        }
    }

    /// Keeps the latest state of a remote host.
    public mutating func update(host status: RemoteHostStatus) {
        if let i = hosts.firstIndex(where: { $0.host == status.host }) {
            hosts[i] = status
        } else {
            hosts.append(status)
        }
    }

    public init() {}

    /// All sources together.
    public var total: SourceStatistics {
        var total = SourceStatistics()
        for source in sources { total.merge(source.statistics) }
        return total
    }

    /// Adds what a source delivered with a batch of events (not the events: the monitor takes
    /// those).
    /// - Complexity: O(deltas + new lines and notices).
    public mutating func apply(
        sources deltas: [(name: Symbol, statistics: SourceStatistics)], malformed newMalformed: [MalformedLine],
        notices newNotices: [SourceNotice], finished newlyFinished: [Symbol]
    ) {
        for (name, delta) in deltas {
            if let i = position[name] {
                sources[i].statistics.merge(delta)
            } else {
                position[name] = sources.count
                sources.append((name, delta))
            }
        }
        Self.append(newMalformed, to: &malformed, limit: Self.malformedLimit)
        Self.append(newNotices, to: &notices, limit: Self.noticeLimit)
        finished.formUnion(newlyFinished)
    }

    private static func append<T>(_ items: [T], to list: inout [T], limit: Int) {
        guard !items.isEmpty else { return }
        list.append(contentsOf: items.suffix(limit))
        if list.count > limit { list.removeFirst(list.count - limit) }
    }
}
