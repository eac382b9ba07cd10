import Foundation
import Synchronization
import ModelTopCore

/// Replays recorded NDJSON logs in event time: files are read merged by time, and events are
/// handed to the consumer when the ``ReplayClock`` reaches them, at `speed` times real time,
/// optionally looping (each loop's events shifted by the recording's span, so time keeps
/// going forward).
public final class ReplaySource: @unchecked Sendable {
    public let inputs: [String]
    /// Reads a recording that is not a file (a Kafka topic to its high watermarks), handing
    /// each batch to the closure; replayed after the files, in the order it reads.
    public typealias Reader = @Sendable (_ deliver: (DecodedBatch) -> Void) throws -> Void
    private let readers: [Reader]
    private let mapping: FieldMapping
    private let symbols: SymbolTable
    private let loop: Bool
    private let control: ReplayControl
    private let pool = BatchPool()
    private let stopping = Mutex(false)
    /// A loop's events are shifted by the recording's span plus this gap.
    static let loopGap = 60.0

    public init(inputs: [String], readers: [Reader] = [], mapping: FieldMapping, symbols: SymbolTable, loop: Bool,
                control: ReplayControl) {
        self.inputs = inputs
        self.readers = readers
        self.mapping = mapping
        self.symbols = symbols
        self.loop = loop
        self.control = control
    }

    /// Starts the replay thread; `finished` is sent when a replay without looping is done.
    /// - Parameter wall: the wall clock (injectable for tests).
    public func start<Control: Sendable>(sendingTo mailbox: Mailbox<Control>, finished: Control,
                                         wall: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        let thread = Thread { [self] in
            run(mailbox: mailbox, wall: wall)
            if !isStopping { mailbox.send(control: finished) }
        }
        thread.name = "modeltop-replay"
        thread.start()
    }

    /// Stops the replay thread.
    public func stop() {
        stopping.withLock { $0 = true }
        pool.close()
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    private func run<Control>(mailbox: Mailbox<Control>, wall: @escaping @Sendable () -> Double) {
        var clock: ReplayClock?
        var applied = ReplaySettings(speed: 0)
        var offset = 0.0
        var first = Double.infinity, last = -Double.infinity
        repeat {
            var options = FollowOptions()
            options.follow = false
            options.readSize = 16 << 10  // small reads: files stay merged by time closely
            options.batchEvents = 256
            let incoming = DecodedBatch()
            let play = { [self] (batch: DecodedBatch) in
                for event in batch.events.events {
                    first = min(first, event.time)
                    last = max(last, event.time)
                }
                pace(batch, offset: offset, clock: &clock, applied: &applied, mailbox: mailbox, wall: wall)
                batch.removeAll()
            }
            if !inputs.isEmpty {
                let follower = FileFollower(patterns: inputs, options: options, mapping: mapping, symbols: symbols,
                                            take: { incoming }, deliver: play)
                while !follower.isFinished && !isStopping { follower.poll(now: wall()) }
            }
            for read in readers where !isStopping {
                do {
                    try read { batch in if !isStopping { play(batch) } }
                } catch {
                    incoming.notices.append(SourceNotice(.error, "\(error)"))
                    play(incoming)
                }
            }
            offset += max(last - first, 0) + Self.loopGap
        } while loop && !isStopping && first.isFinite
    }

    /// Hands `batch` over piece by piece as the clock reaches its events.
    private func pace<Control>(
        _ batch: DecodedBatch, offset: Double, clock: inout ReplayClock?, applied: inout ReplaySettings,
        mailbox: Mailbox<Control>, wall: () -> Double
    ) {
        let events = batch.events.events
        var index = 0
        var extrasSent = false
        while !isStopping {
            let now = wall()
            if clock == nil, let t = events.first?.time {
                clock = ReplayClock(start: t + offset, wall: now, speed: control.current.speed)
                applied = ReplaySettings(speed: control.current.speed)
            }
            if var c = clock {
                let request = control.current
                if request.speed != applied.speed { c.setSpeed(request.speed, atWall: now) }
                if request.paused != applied.paused { c.setPaused(request.paused, atWall: now) }
                if request.skips > applied.skips { c.skip(Double(request.skips - applied.skips) * 600, atWall: now) }
                applied = request
                clock = c
                control.applied = request
            }
            let reached = clock?.eventTime(atWall: now) ?? .infinity
            var end = index
            while end < events.count && events[end].time + offset <= reached { end += 1 }
            if end > index || (!extrasSent && events.isEmpty) {
                guard let out = pool.take() else { return }
                out.events.append(batch.events, range: index..<end, timeOffset: offset)
                if !extrasSent {
                    for (source, statistics) in batch.sources { out[statisticsOf: source] = statistics }
                    out.malformed = batch.malformed
                    out.notices = batch.notices
                    extrasSent = true
                }
                mailbox.send(out)
                index = end
            }
            if index >= events.count { return }
            let delay = clock?.wallDelay(until: events[index].time + offset, atWall: now) ?? 0.05
            Thread.sleep(forTimeInterval: min(max(delay, 0.001), 0.05))
        }
    }
}
