import ModelTopCore
import ModelTopSystem

/// How a ``FileFollower`` reads its files.
public struct FollowOptions: Sendable {
    /// Keep reading as files grow, rotate and appear (`watch`); false reads each file to its end
    /// once, the last line counting without its newline (`report`).
    public var follow: Bool = true
    /// When following, how much of the end of each file that exists at start is read first;
    /// nil reads whole files (`--from-start`).
    public var backlog: Int? = 64 << 20
    /// Seconds a file that no longer matches (renamed away by rotation) stays open after it
    /// last grew, for lines its writer adds before reopening.
    public var rotationGrace: Double = 2
    /// Events per batch before it is handed over.
    public var batchEvents: Int = 8192
    /// Decoded bytes (events and feature values, ``EventBatch/decodedBytes``) per batch before
    /// it is handed over: a batch the consumer reads while it still fits a core's cache (its
    /// events are read once to route them and again per model). Reached before
    /// ``batchEvents`` (an event is 144 bytes): ~1,800 events of 6 features, ~600 of 30.
    public var batchBytes: Int = 512 << 10
    /// Bytes read from one file per poll before moving on to the next, for fairness.
    public var bytesPerPoll: Int = 16 << 20
    /// Bytes read at a time; files with a history are interleaved by event time a read at a time.
    public var readSize: Int = 64 << 10
    /// Malformed lines met while a source's event time is outside this range are counted
    /// apart (`report --since/--until`).
    public var timeRange: ClosedRange<Double>?
    /// Learn of changes from inotify when following (false: check every file on every poll).
    public var useInotify = true
    /// Files open at once; nil: the process's open-file limit less a reserve of 64.
    public var maxOpenFiles: Int?

    /// The files that may be open at once.
    public var openFileLimit: Int { maxOpenFiles ?? max(16, ResourceLimits.openFiles - 64) }

    public init() {}

    /// Whether `batch` is full: it has ``batchEvents`` events or ``batchBytes`` bytes.
    func isFull(_ batch: EventBatch) -> Bool {
        batch.events.count >= batchEvents || batch.decodedBytes >= batchBytes
    }
}
