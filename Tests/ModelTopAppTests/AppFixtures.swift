import Foundation
import ModelTopCore
import ModelTopIngest
@testable import ModelTopApp
@testable import ModelTopUI

/// Batches of prediction events for two models, one per pane of a minute.
enum AppFixture {
    static let start = 1_795_700_000.0

    /// `count` predictions of models `a` (drifting after half) and `b`, from `start + offset`.
    static func batch(symbols: SymbolTable, count: Int = 600, offset: Double = 0) -> DecodedBatch {
        let batch = DecodedBatch()
        for i in 0..<count {
            let t = start + offset + Double(i)
            for (model, shift) in [("a", i > count / 2 ? 5.0 : 0), ("b", 0)] {
                batch.events.append(
                    Event(kind: .prediction, model: symbols.intern(model), node: symbols.intern("n\(i % 2)"), time: t,
                          prediction: .number(Double(i % 2)), label: .number(Double(i % 3 == 0 ? 1 : 0)), latency: 10),
                    features: [.init(name: symbols.intern("x"), value: .number(Double(i % 10) + shift))])
            }
        }
        batch[statisticsOf: symbols.intern("src")].events = 2 * count
        return batch
    }

    static func session(referenceSize: Int = 200) -> Session {
        var configuration = MonitorConfiguration()
        configuration.referenceSize = referenceSize
        return Session(monitor: FleetMonitor(configuration: configuration, symbols: SymbolTable()))
    }
}

/// A terminal that plays a script: each ``wait(timeout:wake:)`` hands over the next step's
/// input; when the script is done it reports a hang-up. It records every call and frame.
final class FakeTerminal: Terminal {
    var context = RenderContext()
    var size: (width: Int, height: Int)
    private(set) var calls: [String] = []
    private(set) var frames: [CellBuffer] = []
    private var script: [[TerminalInput]]
    private var pending: [TerminalInput] = []
    /// Called at each step, before its input is handed over.
    var onStep: (Int) -> Void = { _ in }
    private var step = 0
    let advance: (Double) -> Void

    init(width: Int = 120, height: Int = 40, script: [[TerminalInput]], advance: @escaping (Double) -> Void) {
        size = (width, height)
        self.script = script
        self.advance = advance
    }

    func start(theme: Theme) throws { calls.append("start") }
    func stop() { calls.append("stop") }
    func setTheme(_ theme: Theme) { calls.append("theme \(theme.name)") }
    func bell() { calls.append("bell") }

    func draw(_ buffer: CellBuffer) {
        frames.append(buffer)
        size = (buffer.width, buffer.height)
    }

    func readInput() -> TerminalInput? {
        guard !pending.isEmpty else { return nil }
        let input = pending.removeFirst()
        if case .resize(let w, let h) = input { size = (w, h) }
        return input
    }

    func wait(timeout: Double, wake: Int32) -> Bool {
        advance(max(timeout, 0.1))  // time passes, so a frame is due at every step
        guard step < script.count else { return false }
        onStep(step)
        pending += script[step]
        step += 1
        return true
    }

    var lastFrame: String { frames.last?.text ?? "" }
}

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    var now = AppFixture.start + 1000
}
