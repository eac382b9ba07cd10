import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest

/// `modeltop report`: reads inputs to their end and prints what they hold.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read logs to their end and print a report (a table, or JSON for machines).",
        discussion: """
            Every input is read from its start to its end (a last line without a newline counts); \
            nothing is followed. The JSON report has 'ingest' (lines, events, malformed) and 'sources'.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Output format (default: table on a terminal, else json).", valueName: "format"))
    var format: Format?

    func run() throws {
        let configuration = try input.loadConfiguration()
        let symbols = SymbolTable()
        let sources = SourceGroup(inputs: input.paths, options: FollowOptions(), mapping: configuration.fields,
                                  symbols: symbols)
        let problems = sources.problemsForReading()
        guard problems.isEmpty else { throw UserError(problems.joined(separator: "\n")) }
        var summary = IngestSummary()
        sources.readToEnd { batch in summary.apply(batch) }
        let report = StatusReport(ingest: summary, symbols: symbols)
        let chosen = format ?? (isatty(1) != 0 ? .table : .json)
        print(chosen == .json ? report.json().rendered(pretty: true) : report.table())
    }
}
