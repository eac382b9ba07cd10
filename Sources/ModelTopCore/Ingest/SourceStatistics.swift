/// What one source has delivered: counts of lines, bytes and outcomes, and its last event time.
///
/// Sources send deltas with every batch; the consumer merges them, so the counts change in one
/// place only.
public struct SourceStatistics: Sendable, Equatable {
    /// Lines read, blank and malformed ones included.
    public var lines = 0
    public var bytes = 0
    /// Lines that became events.
    public var events = 0
    public var predictions = 0
    public var labels = 0
    public var metrics = 0
    /// Whitespace-only lines (skipped, not malformed).
    public var blank = 0
    public var malformed = 0
    /// Malformed lines between events outside the `--since`/`--until` range (not counted as
    /// malformed there).
    public var malformedOutOfRange = 0
    /// Feature values that were arrays or objects (the feature is left out of that event).
    public var nestedFeatureValues = 0
    /// Files opened for this source (more than one after rotation).
    public var filesOpened = 0
    /// Times a followed file stopped matching its path or pattern (renamed away by rotation, or
    /// deleted); it is read to its end before it is closed.
    public var rotations = 0
    /// Times a file shrank below the read offset (copytruncate) and was re-read from 0.
    public var truncations = 0
    /// The largest event time seen, in seconds since the epoch.
    public var lastEventTime: Double?

    public init() {}

    /// Adds the counts of `other`.
    public mutating func merge(_ other: SourceStatistics) {
        lines += other.lines
        bytes += other.bytes
        events += other.events
        predictions += other.predictions
        labels += other.labels
        metrics += other.metrics
        blank += other.blank
        malformed += other.malformed
        malformedOutOfRange += other.malformedOutOfRange
        nestedFeatureValues += other.nestedFeatureValues
        filesOpened += other.filesOpened
        rotations += other.rotations
        truncations += other.truncations
        if let t = other.lastEventTime { lastEventTime = max(lastEventTime ?? t, t) }
    }
}
