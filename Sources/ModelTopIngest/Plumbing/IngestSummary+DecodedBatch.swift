import ModelTopCore

extension IngestSummary {
    /// Adds what `batch` reports besides its events.
    public mutating func apply(_ batch: DecodedBatch) {
        apply(sources: batch.sources, malformed: batch.malformed, notices: batch.notices, finished: batch.finishedSources)
        for host in batch.hosts { update(host: host) }
        for partition in batch.partitions { update(partition: partition) }
    }
}
