import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopUI

/// The dashboard's loop: one thread owns the state and the terminal (ncurses is not
/// thread-safe). It waits in `poll` for a key or a message from the sources, applies events
/// through the reducer, and redraws at most 10 times a second, only when something changed.
public final class DashboardApp {
    /// What the loop receives besides batches.
    public enum Control: Sendable {
        case signal(Int32)
        /// A replay without looping reached its end.
        case replayFinished
    }

    /// Where the events come from: live sources, or a replay.
    public enum Input {
        case live(SourceGroup)
        case replay(ReplaySource, ReplayControl)
    }

    public struct Options: Sendable {
        public var ascii = false
        public var monochrome = false
        public var theme = "default"
        public var themeDirectories: [String] = []
        /// Shortest time between two frames.
        public var frameInterval = 0.1

        public init() {}
    }

    private let terminal = NcursesTerminal()
    private let options: Options
    private var themes: [String]

    public init(options: Options) {
        self.options = options
        themes = Theme.available(in: options.themeDirectories)
        if !themes.contains(options.theme) { themes.append(options.theme) }
    }

    /// Runs the dashboard until `q` or a terminating signal; the terminal is given back in
    /// every case, before errors are returned.
    /// - Returns: warnings to print after the terminal is restored.
    public func run(monitor: FleetMonitor, input: Input, mailbox: Mailbox<Control>) throws -> [String] {
        let loaded = try Theme.load(options.theme, directories: options.themeDirectories)
        try terminal.start(theme: loaded.theme, ascii: options.ascii, monochrome: options.monochrome)
        defer {
            switch input {
            case .live(let sources): sources.stop()
            case .replay(let replay, _): replay.stop()
            }
            terminal.stop()
        }
        let size = terminal.size
        var replayRequest: ReplayControl.Request?
        var sourceCount = 0
        switch input {
        case .live(let sources): sourceCount = sources.inputs.count
        case .replay(let replay, let control):
            sourceCount = replay.inputs.count
            replayRequest = control.current
        }
        var state = DashboardState(monitor: monitor, themes: themes, themeIndex: themes.firstIndex(of: options.theme) ?? 0,
                                   width: size.width, height: size.height, sourceCount: sourceCount, replay: replayRequest)
        for warning in loaded.warnings { state.apply(.notice(warning)) }
        let wake = mailbox.wakeDescriptor()
        switch input {
        case .live(let sources): sources.start(sendingTo: mailbox)
        case .replay(let replay, _): replay.start(sendingTo: mailbox, finished: Control.replayFinished)
        }
        var dirty = true
        // The first frame waits (up to a quarter second) for the first events, so it shows data
        // rather than an empty table followed by a frame interval.
        var lastFrame = Date().timeIntervalSince1970 - options.frameInterval + 0.25
        var sawData = false
        var lastStatus = (rate: -1.0, messageShown: false)
        var themeIndex = state.themeIndex
        while true {
            let now = Date().timeIntervalSince1970
            state.apply(.tick(now))
            mailbox.drainWake()
            // Apply what has arrived, but not for longer than half a frame: during a backlog the
            // sources never run dry, and keys and frames must still get their turn.
            let drainUntil = now + options.frameInterval / 2
            while Date().timeIntervalSince1970 < drainUntil, let message = mailbox.poll() {
                switch message {
                case .batch(let batch):
                    state.apply(.batch(batch))
                    batch.recycle()
                    dirty = true
                    if !sawData && !state.monitor.models.isEmpty {
                        sawData = true
                        lastFrame = 0
                    }
                case .control(.signal):
                    return []
                case .control(.replayFinished):
                    state.apply(.notice("replay finished: the recording is all in (q quits)"))
                    dirty = true
                }
            }
            while let input = terminal.readKey() {
                switch input {
                case .key(let key): state.apply(.key(key))
                case .resize(let width, let height): state.apply(.resize(width: width, height: height))
                }
                dirty = true
            }
            if state.quit { return [] }
            if case .replay(_, let control) = input, let request = state.replay, request != control.current {
                control.current = request
            }
            if state.themeIndex != themeIndex {
                themeIndex = state.themeIndex
                do {
                    let next = try Theme.load(state.themeName, directories: options.themeDirectories)
                    terminal.setTheme(next.theme)
                    for warning in next.warnings { state.apply(.notice(warning)) }
                } catch {
                    state.apply(.notice("theme \(state.themeName): \(error)"))
                }
            }
            // The status bar's rate and messages change with the clock alone.
            let status = (rate: (state.rate.rate(at: now) * 10).rounded(), messageShown: state.message != nil)
            if status != lastStatus {
                lastStatus = status
                dirty = true
            }
            let sinceFrame = now - lastFrame
            if dirty && sinceFrame >= options.frameInterval {
                terminal.draw(DashboardView.render(state, context: terminal.context))
                lastFrame = now
                dirty = false
            }
            // More to apply: no waiting, but still a look at the terminal.
            let timeout = mailbox.count > 0 ? 0 : dirty ? max(options.frameInterval - sinceFrame, 0.005) : 1.0
            // A closed terminal (an SSH connection dropped, a tmux session killed) ends the loop:
            // the hangup signal reaches only the session leader, which may be a parent that
            // waits for us, and the keyboard would report "readable" forever.
            if !wait(terminal: terminal.inputDescriptor, wake: wake, timeout: timeout) { return [] }
        }
    }

    /// Waits up to `timeout` seconds for a key or a wake-up.
    /// - Returns: false when the terminal has hung up.
    private func wait(terminal: Int32, wake: Int32, timeout: Double) -> Bool {
        var fds = [pollfd(fd: terminal, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, nfds_t(fds.count), Int32(timeout * 1000))
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }
}
