import ArgumentParser
import ModelTopApp
import ModelTopCore

/// Options of the commands that show a live window (`watch`, `replay`): its size, and JSON
/// lines instead of the dashboard.
struct OutputOptions: ParsableArguments {
    @Option(help: "Panes (of --pane) in the current window.")
    var window = MonitorConfiguration().window

    @Flag(name: .customLong("no-tui"), help: "Print JSON lines instead of the dashboard.")
    var noTUI = false

    @Option(name: .customLong("interval"), help: ArgumentHelp("How often --no-tui prints a line.", valueName: "duration"))
    var intervalDuration = DurationArgument(1)

    var interval: Double { intervalDuration.seconds }

    func validate() throws {
        try OptionRanges.interval.check(interval)
        try OptionRanges.window.check(window)
    }

    /// The JSON lines' interval, or nil for the dashboard.
    var jsonInterval: Double? { noTUI ? interval : nil }
}

/// Options of the dashboard's look.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A theme name (default, light, high-contrast, colorblind) or a theme file (.toml).",
                               valueName: "name|path"))
    var theme = "default"

    @Flag(help: "Draw with ASCII characters only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    var settings: DisplaySettings { DisplaySettings(theme: theme, ascii: ascii, monochrome: noColor) }
}
