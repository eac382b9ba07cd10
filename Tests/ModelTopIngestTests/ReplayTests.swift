import Foundation
import ModelTopCore
import Synchronization
import Testing
@testable import ModelTopIngest

@Suite struct ReplayTests {
    @Test func clockRunsPausesChangesSpeedAndSkips() {
        var clock = ReplayClock(start: 1000, wall: 10, speed: 60)
        #expect(clock.eventTime(atWall: 10) == 1000)
        #expect(clock.eventTime(atWall: 11) == 1060)
        #expect(clock.wallDelay(until: 1120, atWall: 11) == 1)
        clock.setPaused(true, atWall: 12)
        #expect(clock.eventTime(atWall: 100) == 1120)
        #expect(clock.wallDelay(until: 2000, atWall: 100) == nil)
        clock.setPaused(false, atWall: 100)
        #expect(clock.eventTime(atWall: 101) == 1180)
        clock.setSpeed(120, atWall: 101)
        #expect(clock.eventTime(atWall: 102) == 1300)
        clock.skip(600, atWall: 102)
        #expect(clock.eventTime(atWall: 102) == 1900)
        let max = ReplayClock(start: 0, wall: 0, speed: .infinity)
        #expect(max.eventTime(atWall: 0) == .infinity)
        #expect(max.wallDelay(until: 1e9, atWall: 0) == 0)
    }

    /// With a made-up wall clock, events arrive exactly when the clock reaches them.
    @Test func replayIsPacedByTheInjectedClock() throws {
        let dir = TemporaryDirectory()
        dir.write("a.jsonl", (0..<4).map { #"{"model":"m","ts":\#(1000 + $0 * 60),"prediction":\#($0)}"# + "\n" }.joined())
        let wall = Mutex(0.0)
        let control = ReplayControl(.init(speed: 60))
        let source = ReplaySource(inputs: [dir.url("a.jsonl")], mapping: FieldMapping(), symbols: SymbolTable(), loop: false,
                                  control: control)
        let mailbox = Mailbox<String>()
        source.start(sendingTo: mailbox, finished: "done", wall: { wall.withLock { $0 } })
        defer { source.stop() }
        func received(within seconds: Double = 2) -> [Int] {
            var values: [Int] = []
            let deadline = Date().timeIntervalSince1970 + seconds
            while let message = mailbox.receive(until: deadline) {
                if case .batch(let batch) = message {
                    values += batch.events.events.compactMap { $0.prediction?.number.map(Int.init) }
                    batch.recycle()
                    if !values.isEmpty { break }
                } else {
                    values.append(-1)
                    break
                }
            }
            return values
        }
        #expect(received() == [0])  // wall 0: event time 1000
        #expect(received(within: 0.3) == [])  // nothing more until the clock moves
        wall.withLock { $0 = 1 }  // one second at 60x: event time 1060
        #expect(received() == [1])
        // The replay thread picks requests up within 50 ms: wait until it has, then move the clock.
        control.current = .init(speed: 60, paused: true)
        #expect(eventually { control.applied == control.current })  // paused at wall 1, event time 1060
        wall.withLock { $0 = 5 }
        #expect(received(within: 0.3) == [])  // paused
        control.current = .init(speed: 60, paused: false, skips: 0)
        #expect(eventually { control.applied == control.current })  // resumed at wall 5
        wall.withLock { $0 = 6 }  // event time 1120
        #expect(received() == [2])
        control.current = .init(speed: 60, paused: false, skips: 1)  // ten minutes ahead
        // The last event, and the end (a control message, which may overtake it).
        #expect(Set(received() + received()) == [3, -1])
    }

    /// Two files read merged by time, a 16 KiB chunk of one and then of the other: each event is
    /// handed over when the clock reaches it, in time order. (Handed over in read order, the
    /// first chunk's later events held back the other file's earlier ones until the clock
    /// passed them: in the demo, minutes of traffic at a time.)
    @Test func filesAreReplayedInTimeOrder() throws {
        let dir = TemporaryDirectory()
        for (name, first) in [("a.jsonl", 1000), ("b.jsonl", 1001)] {
            let lines = (0..<600).map { #"{"model":"m","ts":\#(first + 2 * $0),"prediction":1,"features":{"x":0.5}}"# + "\n" }
            dir.write(name, lines.joined())
        }
        let inputs = [dir.url("a.jsonl"), dir.url("b.jsonl")]
        /// The event times received until nothing came for `quiet` seconds, the end, or 10 s.
        /// The end is a control message, which overtakes batches still queued: those are taken too.
        func drain(_ mailbox: Mailbox<String>, quiet: Double = 0.3) -> (times: [Double], done: Bool) {
            var times: [Double] = []
            let limit = Date().timeIntervalSince1970 + 10
            var done = false
            while Date().timeIntervalSince1970 < limit, let message = mailbox.receive(until: done ? 0 : Date().timeIntervalSince1970 + quiet) {
                guard case .batch(let batch) = message else {
                    done = true
                    continue
                }
                times += batch.events.events.map(\.time)
                batch.recycle()
            }
            return (times, done)
        }
        // As fast as possible: every event, in time order.
        let fast = ReplaySource(inputs: inputs, mapping: FieldMapping(), symbols: SymbolTable(), loop: false,
                                control: ReplayControl(.init(speed: .infinity)))
        let all = Mailbox<String>()
        fast.start(sendingTo: all, finished: "done")
        var times: [Double] = []
        while case let (more, done) = drain(all, quiet: 5) {
            times += more
            if done || more.isEmpty { break }
        }
        fast.stop()
        #expect(times.count == 1200)
        #expect(times == times.sorted())
        // Paced by a made-up clock at 60x: at each step, exactly the events it has reached.
        let wall = Mutex(0.0)
        let paced = ReplaySource(inputs: inputs, mapping: FieldMapping(), symbols: SymbolTable(), loop: false,
                                 control: ReplayControl(.init(speed: 60)))
        let mailbox = Mailbox<String>()
        paced.start(sendingTo: mailbox, finished: "done", wall: { wall.withLock { $0 } })
        defer { paced.stop() }
        var received: [Double] = []
        for step in 0..<3 {
            wall.withLock { $0 = Double(step) }
            let reached = 1000 + 60 * Double(step)
            #expect(eventually { received += drain(mailbox, quiet: 0.05).times; return received.count >= Int(reached) - 999 })
            received += drain(mailbox).times
            #expect(received == Array(stride(from: 1000.0, through: reached, by: 1)), "at event time \(reached)")
        }
    }

    @Test func loopsShiftTimeForward() {
        let dir = TemporaryDirectory()
        dir.write("a.jsonl", (0..<3).map { #"{"model":"m","ts":\#(1000 + $0 * 10),"prediction":1}"# + "\n" }.joined())
        let source = ReplaySource(inputs: [dir.url("a.jsonl")], mapping: FieldMapping(), symbols: SymbolTable(), loop: true,
                                  control: ReplayControl(.init(speed: .infinity)))
        let mailbox = Mailbox<String>()
        source.start(sendingTo: mailbox, finished: "done")
        var times: [Double] = []
        let deadline = Date().timeIntervalSince1970 + 5
        while times.count < 9, case .batch(let batch)? = mailbox.receive(until: deadline) {
            times += batch.events.events.map(\.time)
            batch.recycle()
        }
        source.stop()
        #expect(Array(times.prefix(9)) == [1000, 1010, 1020, 1080, 1090, 1100, 1160, 1170, 1180])
    }
}
