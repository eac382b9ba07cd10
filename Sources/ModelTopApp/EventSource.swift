import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopKafka
import ModelTopServer

/// Something that sends decoded batches to the loop's mailbox from its own threads until it
/// is stopped: followed files and standard input, or a replay.
public protocol EventSource: AnyObject {
    /// Starts sending to `mailbox`.
    func start(sendingTo mailbox: Mailbox<LoopControl>)
    /// Asks the threads to stop (they may deliver what they were working on).
    func stop()
}

/// What the loops receive besides batches.
public enum LoopControl: Sendable {
    case signal(Int32)
    /// A replay without looping reached its end.
    case replayFinished
    /// The HTTP receiver's counts (about once a second).
    case network(NetworkSummary)
    /// Something to tell the user (an `--on-alert` run that failed).
    case notice(String)
    /// The HTTP receiver asks for an export of the state now (with its own counts as of the
    /// request); `complete` takes the text.
    case export(ReceiverSink.Export, NetworkSummary, complete: @Sendable (String?) -> Void)
}

extension SourceGroup: EventSource {}

/// A replay as an ``EventSource``: says so when it has sent everything.
public final class ReplayEventSource: EventSource {
    public let replay: ReplaySource
    public let control: ReplayControl

    public init(_ replay: ReplaySource, control: ReplayControl) {
        self.replay = replay
        self.control = control
    }

    public func start(sendingTo mailbox: Mailbox<LoopControl>) {
        replay.start(sendingTo: mailbox, finished: .replayFinished)
    }

    public func stop() {
        replay.stop()
    }
}

/// The HTTP receiver (`watch --listen`) as an ``EventSource``: its requests' batches come from
/// a pool of `queueDepth` (a full pool answers 429), exports and counts go through controls.
public final class ReceiverEventSource: EventSource {
    public let receiver: HTTPReceiver
    private let pool: BatchPool
    /// Said on standard error once the receiver takes requests (before, they get 503).
    public var announcement: String?

    /// A receiver already bound (``HTTPReceiver/bind()``).
    public init(_ receiver: HTTPReceiver) {
        self.receiver = receiver
        pool = BatchPool(size: receiver.configuration.queueDepth)
    }

    public func start(sendingTo mailbox: Mailbox<LoopControl>) {
        let pool = self.pool
        receiver.start(sink: ReceiverSink(
            takeBatch: { pool.tryTake() },
            deliver: { mailbox.send($0) },
            export: { kind, summary, complete in mailbox.send(control: .export(kind, summary, complete: complete)) },
            report: { mailbox.send(control: .network($0)) }))
        if let announcement { Output.error(announcement) }
    }

    public func stop() {
        receiver.stop()
        pool.close()
    }
}

/// Remote sources (`ssh://` paths) as an ``EventSource``: a follower and a thread per host,
/// each with its own batches, so a host that is down never holds up the others.
public final class RemoteEventSource: EventSource {
    public struct Settings: Sendable {
        /// The `ssh` program and its first arguments (`--ssh-command`).
        public var command: [String] = ["ssh"]
        /// `-o KEY=VALUE` options (`--ssh-option`).
        public var options: [String] = []
        public var follow = RemoteFollower.Options()

        public init() {}
    }

    private let targets: [RemoteTarget]
    private let settings: Settings
    private let mapping: FieldMapping
    private let symbols: SymbolTable
    private var followers: [RemoteFollower] = []
    private var pools: [BatchPool] = []

    public init(targets: [RemoteTarget], settings: Settings, mapping: FieldMapping, symbols: SymbolTable) {
        self.targets = targets
        self.settings = settings
        self.mapping = mapping
        self.symbols = symbols
    }

    /// The hosts, one connection each, in the order first named.
    public var destinations: [String] {
        var seen: [String] = []
        for t in targets where !seen.contains(t.destination) { seen.append(t.destination) }
        return seen
    }

    public func start(sendingTo mailbox: Mailbox<LoopControl>) {
        for destination in destinations {
            let group = targets.filter { $0.destination == destination }
            let pool = BatchPool()
            pools.append(pool)
            let command = RemoteFollower.sshCommand(group[0], patterns: group.map(\.pattern), ssh: settings.command,
                                                    options: settings.options)
            let follower = RemoteFollower(host: destination, node: group[0].host, command: command, options: settings.follow,
                                          mapping: mapping, symbols: symbols, take: { pool.take() },
                                          deliver: { mailbox.send($0) })
            followers.append(follower)
            let thread = Thread { follower.run() }
            thread.name = "modeltop-ssh"
            thread.start()
        }
    }

    public func stop() {
        for follower in followers { follower.stop() }
        for pool in pools { pool.close() }
    }
}

/// A source that fills batches on a thread of its own: a Kafka source (`kafka://`,
/// `panes+kafka://`) or a `panes:` file.
public protocol ThreadedSource: AnyObject {
    /// Starts the thread: it takes batches with `take` (nil: closed, it ends) and delivers them.
    func start(take: @escaping @Sendable () -> DecodedBatch?, deliver: @escaping @Sendable (DecodedBatch) -> Void)
    /// Asks the thread to stop and waits for it (a Kafka group member leaves and commits).
    func stop()
}

extension KafkaSource: ThreadedSource {}
extension SummaryFileSource: ThreadedSource {}

/// A ``ThreadedSource`` as an ``EventSource``: its thread, its own few batches.
public final class PooledEventSource: EventSource {
    public let source: any ThreadedSource
    private let pool = BatchPool(size: 4)

    public init(_ source: any ThreadedSource) {
        self.source = source
    }

    public func start(sendingTo mailbox: Mailbox<LoopControl>) {
        let pool = self.pool
        source.start(take: { pool.take() }, deliver: { mailbox.send($0) })
    }

    /// Closes the pool first, so a thread waiting for a batch wakes, then waits for the source.
    public func stop() {
        pool.close()
        source.stop()
    }
}
