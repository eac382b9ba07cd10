import Foundation
import ModelTopCore
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
    /// Where lines go; a failed write ends the loop with the error.
    public var write: (String) throws -> Void = { line in try Output.write(line) }
    /// `--on-alert`: where severity changes go besides their own lines.
    public var notifier: AlertNotifier?
    /// Seconds between two looks for severity changes.
    public var alertInterval = 1.0
    /// `--emit-panes`: every interval, a summary block instead of a report line (then a worker
    /// status line), and a last block at the end.
    public var emitter: SummaryEmitter?

    public init(interval: Double) {
        self.interval = interval
    }

    /// How the loop ended.
    public enum Ending: Sendable, Equatable {
        /// A terminating signal (the exit status is 128 + its number).
        case signal(Int32)
        /// A replay reached its end.
        case finished
    }

    /// Runs until a signal (or the end of a replay) arrives in `mailbox`.
    /// - Returns: the session at the end, and why it ended.
    /// - Throws: ``AppError`` when a line cannot be written.
    @discardableResult
    public func run(session: Session, sources: [any EventSource], mailbox: Mailbox<LoopControl>) throws -> (session: Session, ending: Ending) {
        var session = session
        for source in sources { source.start(sendingTo: mailbox) }
        defer { for source in sources { source.stop() } }
        /// A line: the exact KS p-values' cost bounded, as every line recomputes them, but for
        /// the last line of a replay, which is what `report` prints for the same input.
        func emit(ks: FeatureDrift.KSWork = .boundedTest) throws {
            if let emitter {
                try emitter.emit(&session, wallTime: clock())
                try write(emitter.statusLine(session, time: clock()))
                return
            }
            try write(session.report(ks: ks).json(time: clock()).rendered())
        }
        defer { emitter?.finish() }
        var next = clock() + interval
        var nextAlertCheck = clock() + alertInterval
        /// Severity changes, each on a line of its own (`"type": "alert"`), as they are seen,
        /// then a report line: the last line is always a report.
        func alerts() throws {
            guard emitter == nil else { return }  // a worker's panes are judged where they are merged
            let now = clock()
            guard now >= nextAlertCheck else { return }
            nextAlertCheck = now + alertInterval
            let documents = session.checkAlerts().map { $0.json(symbols: session.monitor.symbols, time: now).rendered() }
            guard !documents.isEmpty else { return }
            for document in documents { try write(document) }
            notifier?.send(documents)
            try emit()
        }
        /// A line when one is due. Also between batches: during a backlog (a file read from its
        /// start, a stream faster than the statistics) the mailbox never runs dry, and lines
        /// must still come every interval.
        func emitIfDue() throws {
            let now = clock()
            guard now >= next else { return }
            try emit()
            next = max(next + interval, now)
        }
        while true {
            try alerts()
            // The mailbox waits on the wall clock; `clock` may be a test's.
            let wait = max(0, min(next, nextAlertCheck) - clock())
            switch mailbox.receive(until: Date().timeIntervalSince1970 + wait) {
            case .batch(let batch):
                session.apply(batch)
                try emitIfDue()
            case .control(.signal(let signal)):
                // A worker sends what it applied, and commits its offsets, while its consumers
                // are still in their group.
                if emitter != nil { try emit() }
                for source in sources { source.stop() }
                // Control messages overtake batches: what was read still counts; but a worker
                // gives back what it would commit no more (its group reads it again).
                while case .batch(let batch)? = mailbox.poll() {
                    if emitter != nil, session.heldCommits != nil, batch.onApplied != nil {
                        batch.onApplied = nil
                        batch.recycle()
                        continue
                    }
                    session.apply(batch)
                }
                try emit()
                return (session, .signal(signal))
            case .control(.network(let summary)):
                session.apply(network: summary)
            case .control(.notice(let text)):
                Output.error(text)
            case .control(.export(let kind, let summary, let complete)):
                session.apply(network: summary)
                complete(session.export(kind, time: clock()))
            case .control(.replayFinished):
                // Control messages overtake batches: apply the last ones first.
                while case .batch(let batch)? = mailbox.poll() { session.apply(batch) }
                session.finish()
                try emit(ks: .test)
                return (session, .finished)
            case nil:
                try emitIfDue()  // else woken for the alerts
            }
        }
    }
}
