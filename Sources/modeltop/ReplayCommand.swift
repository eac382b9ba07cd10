import ArgumentParser
import ModelTopApp

/// `modeltop replay`: recorded logs in event time, in the dashboard or as JSON lines.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded logs in event time (in the dashboard, or as JSON lines with --no-tui).",
        discussion: """
            Files are read merged by event time and replayed --speed times faster than they were \
            recorded (max: as fast as possible). Statistics depend on event time only, so a \
            replay computes what the live traffic computed. In the dashboard: space pauses, + and - \
            change the speed, f skips ten minutes.

            With --no-tui, prints a JSON line every --interval and a last one at the end.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var monitor: MonitorOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp("Times real time, or 'max'.", valueName: "N|max"))
    var speed = SpeedArgument(60)

    @Flag(help: "Start again at the end (time keeps going forward).")
    var loop = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try input.requireLocalPaths()
        if speed.factor.isFinite { try OptionRanges.speed.check(speed.factor) }
        guard !input.paths.contains("-") else { throw ValidationError("replay reads files; standard input cannot be replayed.") }
    }

    func run() throws {
        let inputs = try input.inputs(references: monitor.references)
        try Replay(inputs: inputs, monitor: monitor.streaming(window: output.window, configuration: inputs.configuration),
                   speed: speed.factor, loop: loop, display: display.settings, jsonInterval: output.jsonInterval).run()
    }
}
