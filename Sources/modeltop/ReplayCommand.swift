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

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !input.paths.contains("-") else { throw ValidationError("replay reads files; standard input cannot be replayed.") }
    }

    func run() throws {
        try Self.replay(paths: input.paths, configuration: try input.loadConfiguration(), monitor: monitor,
                        output: output, speed: speed, loop: loop, display: display)
    }

    /// Replays `paths` (shared with `demo`).
    static func replay(paths: [String], configuration: Configuration, monitor monitorOptions: MonitorOptions,
                       output: OutputOptions, speed: Double, loop: Bool, display: DisplayOptions) throws {
        let symbols = SymbolTable()
        let fleet = try monitorOptions.makeMonitor(
            monitorOptions.streaming(window: output.window, thresholds: configuration.thresholds),
            mapping: configuration.fields, symbols: symbols)
        let check = SourceGroup(inputs: paths, options: FollowOptions(), mapping: configuration.fields, symbols: symbols)
        let problems = check.problemsForReading()
        guard problems.isEmpty else { throw UserError(problems.joined(separator: "\n")) }
        let control = ReplayControl(.init(speed: speed))
        let source = ReplaySource(inputs: paths, mapping: configuration.fields, symbols: symbols, loop: loop, control: control)
        guard output.noTUI else {
            try display.runDashboard(monitor: fleet, input: .replay(source, control))
            return
        }
        let mailbox = Mailbox<DashboardApp.Control>()
        SignalWatcher.start { mailbox.send(control: .signal($0)) }
        source.start(sendingTo: mailbox, finished: .replayFinished)
        output.printJSONLines(mailbox: mailbox, monitor: fleet, stop: source.stop)
    }
}

func parseSpeed(_ text: String) throws -> Double {
    if text == "max" { return .infinity }
    guard let speed = Double(text), speed > 0, speed.isFinite else {
        throw ValidationError("'\(text)' is not a speed (a number above 0, or max).")
    }
    return speed
}
