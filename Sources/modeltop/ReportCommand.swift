import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopUI

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @OptionGroup var input: InputOptions

    @OptionGroup var monitor: MonitorOptions

    @Option(help: ArgumentHelp("Output format (default: table on a terminal, else json).", valueName: "format"))
    var format: Format?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with status 3 when a model reaches this severity.",
                                                            valueName: "warn|alert"))
    var failOn: FailLevel?

    @Option(help: ArgumentHelp("Compare only the last N panes (of --pane) of event time instead of the whole input.",
                               valueName: "panes"))
    var window: Int?

    @Option(help: ArgumentHelp("Only events at or after this event time (RFC 3339, or Unix seconds).", valueName: "time"),
            transform: parseTime)
    var since: Double?

    @Option(help: ArgumentHelp("Only events before this event time (RFC 3339, or Unix seconds).", valueName: "time"),
            transform: parseTime)
    var until: Double?

    enum FailLevel: String, ExpressibleByArgument, CaseIterable {
        case warn, alert

        var severity: Severity { self == .warn ? .warn : .alert }
    }

    func validate() throws {
        if let window, window < 1 { throw ValidationError("--window must be at least 1.") }
        if let since, let until, since >= until { throw ValidationError("--since must be before --until.") }
    }

    func run() throws {
        let configuration = try input.loadConfiguration()
        let symbols = SymbolTable()
        var summary = IngestSummary()
        var fleet = try monitor.makeMonitor(monitor.exact(window: window, thresholds: configuration.thresholds),
                                            mapping: configuration.fields, symbols: symbols)
        if since != nil || until != nil {
            // The upper bound is exclusive: the largest double below `until`.
            fleet.timeRange = (since ?? -.greatestFiniteMagnitude)...((until ?? .greatestFiniteMagnitude).nextDown)
        }
        let sources = SourceGroup(inputs: input.paths, options: FollowOptions(), mapping: configuration.fields,
                                  symbols: symbols)
        let problems = sources.problemsForReading()
        guard problems.isEmpty else { throw UserError(problems.joined(separator: "\n")) }
        sources.readToEnd { batch in
            summary.apply(batch)
            fleet.apply(batch.events)
        }
        fleet.finish()
        let report = FleetReport(ingest: summary, monitor: fleet)
        let chosen = format ?? (isatty(1) != 0 ? .table : .json)
        print(chosen == .json ? report.json().rendered(pretty: true) : report.table())
        if let failOn, report.worstSeverity >= failOn.severity {
            throw UserError("a model reached \(report.worstSeverity.name): \(report.snapshots.first { $0.severity == report.worstSeverity }?.reasons.first ?? "")", status: 3)
        }
    }
}
