import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopReport
import ModelTopUI

/// The dashboard's loop: one thread owns the terminal and the state (ncurses is not
/// thread-safe). It waits for a key or a message from the sources, applies them through the
/// controller, performs the effects, and redraws at most once per frame interval, only when
/// something changed.
public final class DashboardLoop {
    public struct Options {
        /// Shortest time between two frames, in seconds.
        public var frameInterval = 0.1
        /// The theme to start with, and the names `t` cycles through.
        public var theme = "default"
        public var themes = ["default"]
        /// Wall-clock time in seconds (injectable for tests).
        public var clock: () -> Double = { Date().timeIntervalSince1970 }
        /// Choices kept from earlier runs (sort, columns; the theme is in `theme`).
        public var preferences = Preferences()
        /// Where to keep changed choices (nil: not kept).
        public var savePreferences: ((Preferences) throws -> Void)?
        /// `--bell`: ring on a change to ALERT.
        public var bell = false
        /// `--on-alert`: the command changes go to.
        public var notifier: AlertNotifier?
        /// Seconds between two looks for severity changes.
        public var alertInterval = 1.0
        /// Called after each frame drawn (`MODELTOP_FRAME_LOG`, for Benchmarks/frames.sh).
        public var frameLog: ((FrameTiming) -> Void)?

        public init() {}
    }

    /// One frame: when it was drawn, how long it took from the loop's turn to the terminal,
    /// and the events applied since the frame before.
    public struct FrameTiming: Sendable {
        public var time: Double
        public var seconds: Double
        public var events: Int
    }

    private let terminal: any Terminal
    private let options: Options
    private let loadTheme: (String) throws -> Theme.Loaded

    /// - Parameters:
    ///   - loadTheme: reads a theme by name (a built-in theme, a file).
    public init(terminal: any Terminal, options: Options, loadTheme: @escaping (String) throws -> Theme.Loaded) {
        self.terminal = terminal
        self.options = options
        self.loadTheme = loadTheme
    }

    /// How the dashboard ended.
    public enum Ending: Sendable, Equatable {
        /// `q`.
        case quit
        /// A terminating signal.
        case signal(Int32)
        /// The terminal went away.
        case hangUp
    }

    /// Runs the dashboard until `q`, a terminating signal or a hung-up terminal; the terminal is
    /// given back in every case, before errors are returned.
    /// - Parameters:
    ///   - replay: the replay's control, when the sources are a replay.
    /// - Returns: the session at the end, how it ended, and warnings to print once the terminal
    ///   is restored.
    public func run(session: Session, sources: [any EventSource], replay: ReplayControl?, sourceCount: Int,
                    mailbox: Mailbox<LoopControl>) throws -> (session: Session, ending: Ending, warnings: [String]) {
        let loaded = try loadTheme(options.theme)
        try terminal.start(theme: loaded.theme)
        defer {
            for source in sources { source.stop() }
            terminal.stop()
        }
        var themes = options.themes
        if !themes.contains(options.theme) { themes.append(options.theme) }
        let size = terminal.size
        let settings = replay?.current
        var controller = DashboardController(
            session: session,
            state: DashboardState(themes: themes, themeIndex: themes.firstIndex(of: options.theme) ?? 0, width: size.width,
                                  height: size.height, sourceCount: sourceCount, replay: settings, preferences: options.preferences,
                                  settings: .init(bell: options.bell, notify: options.notifier != nil)))
        for warning in loaded.warnings { _ = controller.send(.notice(warning)) }
        let wake = mailbox.wakeDescriptor()
        if let failure = mailbox.failure {
            _ = controller.send(.notice("no wake-up pipe (\(failure)): new data may take up to a second to show"))
        }
        for source in sources { source.start(sendingTo: mailbox) }
        let frameInterval = options.frameInterval
        var dirty = true
        // The first frame waits (up to a quarter second) for the first events, so it shows data
        // rather than an empty table followed by a frame interval.
        var lastFrame = options.clock() - frameInterval + 0.25
        var sawData = false
        var lastStatus = (rate: -1.0, messageShown: false)
        var frame = Frame(buffer: CellBuffer(width: 0, height: 0))
        var nextAlertCheck = options.clock()
        var applied = 0
        while true {
            let now = options.clock()
            _ = controller.send(.tick(now))
            if now >= nextAlertCheck {
                nextAlertCheck = now + options.alertInterval
                let effects = controller.checkAlerts()
                if !effects.isEmpty {
                    dirty = true
                    if perform(effects, controller: &controller, replay: replay) { return (controller.session, .quit, []) }
                }
            }
            mailbox.drainWake()
            // Apply what has arrived, but not for longer than half a frame: during a backlog the
            // sources never run dry, and keys and frames must still get their turn.
            let drainUntil = now + frameInterval / 2
            while options.clock() < drainUntil, let message = mailbox.poll() {
                switch message {
                case .batch(let batch):
                    applied += batch.events.events.count
                    controller.ingest(batch)
                    dirty = true
                    if !sawData && !controller.session.monitor.models.isEmpty {
                        sawData = true
                        lastFrame = 0
                    }
                case .control(.signal(let signal)):
                    return (controller.session, .signal(signal), [])
                case .control(.replayFinished):
                    _ = controller.send(.notice("replay finished: the recording is all in (q quits)"))
                    dirty = true
                case .control(.network(let summary)):
                    controller.apply(network: summary)
                    dirty = true
                case .control(.notice(let text)):
                    _ = controller.send(.notice(text))
                    dirty = true
                case .control(.export(let kind, let summary, let complete)):
                    controller.apply(network: summary)
                    complete(controller.session.export(kind, time: now))
                }
            }
            while let input = terminal.readInput() {
                let effects: [DashboardEffect]
                switch input {
                case .key(.click(let x, let y)): effects = controller.click(x: x, y: y, in: frame)
                case .key(let key): effects = controller.send(.key(key))
                case .resize(let width, let height): effects = controller.send(.resize(width: width, height: height))
                }
                if perform(effects, controller: &controller, replay: replay) { return (controller.session, .quit, []) }
                // Present at once, so that the next key moves through what it will see.
                controller.present()
                dirty = true
            }
            // The status bar's rate and messages change with the clock alone.
            let status = (rate: (controller.state.rate.rate(at: now) * 10).rounded(), messageShown: controller.state.message != nil)
            if status != lastStatus {
                lastStatus = status
                dirty = true
            }
            let sinceFrame = now - lastFrame
            if dirty && sinceFrame >= frameInterval {
                controller.present()
                frame = controller.render(terminal.context)
                terminal.draw(frame.buffer)
                options.frameLog?(FrameTiming(time: now, seconds: options.clock() - now, events: applied))
                applied = 0
                lastFrame = now
                dirty = false
            }
            // More to apply: no waiting, but still a look at the terminal.
            let timeout = mailbox.count > 0 ? 0 : dirty ? max(frameInterval - sinceFrame, 0.005) : 1.0
            if !terminal.wait(timeout: timeout, wake: wake) { return (controller.session, .hangUp, []) }
        }
    }

    /// Performs the effects that reach outside the controller; returns true on quit.
    private func perform(_ effects: [DashboardEffect], controller: inout DashboardController, replay: ReplayControl?) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .replay(let settings):
                replay?.current = settings
            case .loadTheme(let name):
                do {
                    let next = try loadTheme(name)
                    terminal.setTheme(next.theme)
                    for warning in next.warnings { _ = controller.send(.notice(warning)) }
                } catch {
                    _ = controller.send(.notice("theme \(name): \(error)"))
                }
            case .bell:
                terminal.bell()
            case .notify(let changes):
                let symbols = controller.session.monitor.symbols
                let now = options.clock()
                options.notifier?.send(changes.map { $0.json(symbols: symbols, time: now).rendered() })
            case .savePreferences(let preferences):
                do {
                    try options.savePreferences?(preferences)
                } catch {
                    _ = controller.send(.notice("cannot keep the choices: \(error)"))
                }
            case .rebaseline, .freeze, .thaw:
                break  // done by the controller
            }
        }
        return false
    }
}
