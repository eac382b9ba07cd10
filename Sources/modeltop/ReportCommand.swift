import ArgumentParser
import ModelTopApp
import ModelTopCore

/// `modeltop report`: reads inputs to their end and prints what they hold.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read logs to their end and print a report (a table, or JSON for machines).",
        discussion: """
            Every input is read from its start to its end (a last line without a newline counts); \
            nothing is followed. Each model's events are compared with its reference (--reference \
            files, else its first --reference-size predictions): drift per feature (PSI, KS or \
            chi-square), accuracy, latency. The current window is the whole input, exactly, unless \
            --window is given. Statistics are defined in docs/statistics.md.

            Exit status: 0, or 3 when a model reaches the --fail-on severity (a CI gate), 2 on errors.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var monitor: MonitorOptions

    @Option(help: ArgumentHelp("Output format (default: table on a terminal, else json).", valueName: "format"))
    var format: Report.Format?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with status 3 when a model reaches this severity.",
                                                            valueName: "warn|alert"))
    var failOn: FailLevel?

    @OptionGroup var range: WindowOptions

    enum FailLevel: String, ExpressibleByArgument, CaseIterable {
        case warn, alert

        var severity: Severity { self == .warn ? .warn : .alert }
    }

    func validate() throws {
        try input.requireLocalPaths()
    }

    func run() throws {
        let inputs = try input.inputs(references: monitor.references)
        try Report(inputs: inputs, monitor: monitor.exact(window: range.window, configuration: inputs.configuration),
                   since: range.since?.seconds, until: range.until?.seconds, format: format, failOn: failOn?.severity).run()
    }
}

extension Report.Format: ExpressibleByArgument {}
