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
        var held = ReplayBuffer()
        repeat {
            var options = FollowOptions()
            options.follow = false
            options.readSize = 16 << 10  // small reads: files stay merged by time closely
            options.batchEvents = 256
            let incoming = DecodedBatch()
            // Holds a batch's events and hands over, in time order, those that every file has
            // been read past (`through`) as the clock reaches them.
            let play = { [self] (batch: DecodedBatch, through: Double) in
                for event in batch.events.events {
                    first = min(first, event.time)
                    last = max(last, event.time)
                }
                held.add(batch.events, timeOffset: offset)
                sendExtras(of: batch, to: mailbox)
                batch.removeAll()
                pace(&held, through: through + offset, clock: &clock, applied: &applied, mailbox: mailbox, wall: wall)
            }
            if !inputs.isEmpty {
                weak var reading: FileFollower?
                let follower = FileFollower(patterns: inputs, options: options, mapping: mapping, symbols: symbols,
                                            take: { incoming }, deliver: { play($0, reading?.readThrough ?? -.infinity) })
                reading = follower
                while !follower.isFinished && !isStopping { follower.poll(now: wall()) }
                pace(&held, through: .infinity, clock: &clock, applied: &applied, mailbox: mailbox, wall: wall)
            }
            for read in readers where !isStopping {
                do {
                    try read { batch in if !isStopping { play(batch, .infinity) } }
                } catch {
                    incoming.notices.append(SourceNotice(.error, "\(error)"))
                    play(incoming, .infinity)
                }
            }
            offset += max(last - first, 0) + Self.loopGap
        } while loop && !isStopping && first.isFinite
    }

    /// Sends what `batch` carries besides events (counts, malformed lines, notices) at once.
    private func sendExtras<Control>(of batch: DecodedBatch, to mailbox: Mailbox<Control>) {
        guard !batch.sources.isEmpty || !batch.malformed.isEmpty || !batch.notices.isEmpty,
            let out = pool.take()
        else { return }
        for (source, statistics) in batch.sources { out[statisticsOf: source] = statistics }
        out.malformed = batch.malformed
        out.notices = batch.notices
        mailbox.send(out)
    }

    /// Hands `held`'s events over in time order as the clock reaches them, up to `through`
    /// (every event at or before it has been read); returns when the next one is past it.
    private func pace<Control>(
        _ held: inout ReplayBuffer, through: Double, clock: inout ReplayClock?, applied: inout ReplaySettings,
        mailbox: Mailbox<Control>, wall: () -> Double
    ) {
        while !isStopping, !held.isEmpty, held.earliest <= through {
            let now = wall()
            if clock == nil {
                clock = ReplayClock(start: held.earliest, wall: now, speed: control.current.speed)
                applied = ReplaySettings(speed: control.current.speed)
            }
            guard var c = clock else { return }
            let request = control.current
            if request.speed != applied.speed { c.setSpeed(request.speed, atWall: now) }
            if request.paused != applied.paused { c.setPaused(request.paused, atWall: now) }
            if request.skips > applied.skips { c.skip(Double(request.skips - applied.skips) * 600, atWall: now) }
            applied = request
            clock = c
            control.applied = request
            let reached = c.eventTime(atWall: now)
            if held.earliest <= reached {
                guard let out = pool.take() else { return }
                held.take(through: min(reached, through), into: &out.events)
                mailbox.send(out)
                continue
            }
            let delay = c.wallDelay(until: held.earliest, atWall: now) ?? 0.05
            Thread.sleep(forTimeInterval: min(max(delay, 0.001), 0.05))
        }
    }
}
