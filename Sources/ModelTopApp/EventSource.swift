import ModelTopIngest

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
