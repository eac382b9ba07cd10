import ModelTopCore

/// What a source hands to the consumer: events, the per-source counts that go with them,
/// samples of malformed lines and notices about files.
///
/// Batches are recycled through a ``BatchPool``: the consumer calls ``recycle()`` when done, and
/// the arrays keep their capacity.
public final class DecodedBatch: @unchecked Sendable {
    public var events = EventBatch()
    /// Count deltas, one entry per source that contributed.
    public private(set) var sources: [(name: Symbol, statistics: SourceStatistics)] = []
    private var position: [Symbol: Int] = [:]
    public var malformed: [MalformedLine] = []
    public var notices: [SourceNotice] = []
    /// Set by a source that will send nothing more.
    public var finishedSources: [Symbol] = []
    /// The latest state of remote hosts this batch's source follows.
    public var hosts: [RemoteHostStatus] = []
    /// The latest state of the Kafka partitions this batch's source reads.
    public var partitions: [KafkaPartitionStatus] = []
    /// Records of pane-summary blocks (`panes:` sources), merged instead of applied.
    public var summaries: [SummaryRecord] = []
    /// Called once the batch's events were applied (when it is recycled): a Kafka consumer
    /// group stores the batch's offsets for commit then, never before.
    public var onApplied: (@Sendable () -> Void)?
    /// Batches waiting behind this one when the consumer took it from a ``Mailbox`` (nil when
    /// it came otherwise): 0 means the consumer keeps up with its sources, whose threads then
    /// keep the other cores busy.
    public internal(set) var queuedBehind: Int?
    weak var pool: BatchPool?

    public init() {}

    /// The count delta of `source` in this batch.
    /// - Complexity: O(1) expected.
    public subscript(statisticsOf source: Symbol) -> SourceStatistics {
        get { position[source].map { sources[$0].statistics } ?? SourceStatistics() }
        _modify {
            let i: Int
            if let known = position[source] {
                i = known
            } else {
                i = sources.count
                position[source] = i
                sources.append((source, SourceStatistics()))
            }
            yield &sources[i].statistics
        }
    }

    /// True when there is nothing to deliver.
    public var isEmpty: Bool {
        events.events.isEmpty && sources.isEmpty && malformed.isEmpty && notices.isEmpty && finishedSources.isEmpty
            && hosts.isEmpty && partitions.isEmpty && summaries.isEmpty
    }

    /// Empties the batch, keeping capacity.
    public func removeAll() {
        events.removeAll()
        sources.removeAll(keepingCapacity: true)
        position.removeAll(keepingCapacity: true)
        malformed.removeAll(keepingCapacity: true)
        notices.removeAll(keepingCapacity: true)
        finishedSources.removeAll(keepingCapacity: true)
        hosts.removeAll(keepingCapacity: true)
        partitions.removeAll(keepingCapacity: true)
        summaries.removeAll()
        queuedBehind = nil
    }

    /// Returns the batch to the pool it came from (emptied), or empties it when it has none.
    public func recycle() {
        let applied = onApplied
        onApplied = nil
        removeAll()
        applied?()
        pool?.giveBack(self)
    }
}
