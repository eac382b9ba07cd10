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
    @Option(help: ArgumentHelp(
        "A theme name (default, light, high-contrast, colorblind) or a theme file (.toml); default: the last one chosen with t, else default.",
        valueName: "name|path"))
    var theme: String?

    @Flag(help: "Draw with ASCII characters only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Ring the terminal bell when a model, feature or node turns ALERT.")
    var bell = false

    @Option(name: .customLong("on-alert"), help: ArgumentHelp(
        "Run this command (with sh -c) on each severity change, the change as JSON on its standard input; at most one run a second, never holding up the dashboard.",
        valueName: "command"))
    var onAlert: String?

    var settings: DisplaySettings { DisplaySettings(theme: theme, ascii: ascii, monochrome: noColor, bell: bell, onAlert: onAlert) }
}
