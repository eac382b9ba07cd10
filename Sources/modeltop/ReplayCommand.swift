import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopTerminal
import ModelTopUI

/// `modeltop replay`: recorded logs in event time, in the dashboard or as JSON lines.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded logs in event time (in the dashboard, or as JSON lines with --no-tui).",
        discussion: """
            Files are read merged by event time and replayed --speed times faster than they were \\
            recorded (max: as fast as possible). Statistics depend on event time only, so a \\
            replay computes what the live traffic computed. In the dashboard: space pauses, + and - \\
            change the speed, > skips ten minutes.

            With --no-tui, prints a JSON line every --interval and a last one at the end.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var monitor: MonitorOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp("Times real time, or 'max' (default: 60).", valueName: "N|max"), transform: parseSpeed)
    var speed: Double = 60

    @Flag(help: "Start again at the end (time keeps going forward).")
    var loop = false

    @Option(help: "Panes (of --pane) in the current window (default: 10).")
    var window = 10

    @Flag(name: .customLong("no-tui"), help: "Print JSON lines instead of the dashboard.")
    var noTUI = false

    @Option(help: ArgumentHelp("How often --no-tui prints a line (default: 1s).", valueName: "duration"),
            transform: parseDuration)
    var interval: Double = 1

    func validate() throws {
        guard !input.paths.contains("-") else { throw ValidationError("replay reads files; standard input cannot be replayed.") }
        guard window > 0 else { throw ValidationError("--window must be above 0.") }
    }

    func run() throws {
        try Self.replay(paths: input.paths, configuration: try input.loadConfiguration(), monitor: monitor,
                        window: window, speed: speed, loop: loop, noTUI: noTUI, interval: interval, display: display)
    }

    /// Replays `paths` (shared with `demo`).
    static func replay(paths: [String], configuration: Configuration, monitor monitorOptions: MonitorOptions, window: Int,
                       speed: Double, loop: Bool, noTUI: Bool, interval: Double, display: DisplayOptions) throws {
        let symbols = SymbolTable()
        let fleet = try monitorOptions.makeMonitor(monitorOptions.streaming(window: window, thresholds: configuration.thresholds),
                                                   mapping: configuration.fields, symbols: symbols)
        let check = SourceGroup(inputs: paths, options: FollowOptions(), mapping: configuration.fields, symbols: symbols)
        let problems = check.problemsForReading()
        guard problems.isEmpty else { throw UserError(problems.joined(separator: "\n")) }
        let control = ReplayControl(.init(speed: speed))
        let source = ReplaySource(inputs: paths, mapping: configuration.fields, symbols: symbols, loop: loop, control: control)
        guard noTUI else {
            try display.runDashboard(monitor: fleet, input: .replay(source, control))
            return
        }
        let mailbox = Mailbox<DashboardApp.Control>()
        SignalWatcher.start { mailbox.send(control: .signal($0)) }
        source.start(sendingTo: mailbox, finished: .replayFinished)
        var state = (fleet: fleet, ingest: IngestSummary())
        func emit() {
            print(FleetReport(ingest: state.ingest, monitor: state.fleet).json(time: Date().timeIntervalSince1970).rendered())
            fflush(nil)
        }
        var next = Date().timeIntervalSince1970 + interval
        while true {
            switch mailbox.receive(until: next) {
            case .batch(let batch):
                state.ingest.apply(batch)
                state.fleet.apply(batch.events)
                batch.recycle()
            case .control(.signal):
                source.stop()
                emit()
                return
            case .control(.replayFinished):
                while case .batch(let batch)? = mailbox.poll() {
                    state.ingest.apply(batch)
                    state.fleet.apply(batch.events)
                    batch.recycle()
                }
                state.fleet.finish()  // the recording is over: what waits for a label is counted, as in report
                emit()
                return
            case nil:
                emit()
                next = max(next + interval, Date().timeIntervalSince1970)
            }
        }
    }
}

func parseSpeed(_ text: String) throws -> Double {
    if text == "max" { return .infinity }
    guard let speed = Double(text), speed > 0, speed.isFinite else {
        throw ValidationError("'\(text)' is not a speed (a number above 0, or max).")
    }
    return speed
}
