import Foundation
import ModelTopIngest
import ModelTopText

/// `--no-tui`: applies batches as they come and prints the report as one JSON line every
/// interval, and a last line on a terminating signal or at the end of a replay (then pending
/// joins are counted, as `report` counts them).
public struct JSONLinesLoop {
    /// Seconds between two lines.
    public var interval: Double
    /// Wall-clock time in seconds (injectable for tests).
    public var clock: () -> Double = { Date().timeIntervalSince1970 }
    /// Where lines go.
    public var write: (String) -> Void = { line in
        print(line)
        fflush(nil)
    }

    public init(interval: Double) {
        self.interval = interval
    }

    /// Runs until a signal (or the end of a replay) arrives in `mailbox`.
    /// - Returns: the session at the end.
    @discardableResult
    public func run(session: Session, sources: [any EventSource], mailbox: Mailbox<LoopControl>) -> Session {
        var session = session
        for source in sources { source.start(sendingTo: mailbox) }
        func emit() {
            write(session.report().json(time: clock()).rendered())
        }
        var next = clock() + interval
        while true {
            switch mailbox.receive(until: next) {
            case .batch(let batch):
                session.apply(batch)
            case .control(.signal):
                for source in sources { source.stop() }
                // Control messages overtake batches: what was read still counts.
                while case .batch(let batch)? = mailbox.poll() { session.apply(batch) }
                emit()
                return session
            case .control(.replayFinished):
                // Control messages overtake batches: apply the last ones first.
                while case .batch(let batch)? = mailbox.poll() { session.apply(batch) }
                session.finish()
                emit()
                return session
            case nil:
                emit()
                next = max(next + interval, clock())
            }
        }
    }
}
