import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopTerminal
import ModelTopUI

/// `modeltop watch`: follows logs and shows the dashboard, or prints JSON lines with `--no-tui`.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow logs live (like tail -F) and show the dashboard.",
        discussion: """
            Files are followed across rotation (rename-and-create and copytruncate) and glob \
            patterns are re-evaluated, so files created later join. By default the last 64 MiB of \
            each existing file is read first.

            Keys: ? lists them all. Enter opens a model, then a feature; Esc goes back; q quits.

            With --no-tui, prints one JSON object per line every --interval, and a last one on \
            SIGINT or SIGTERM.
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var monitor: MonitorOptions

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("How much of the end of each existing file to read first (default: 64MiB).",
                               valueName: "size"), transform: parseSize)
    var backlog: Int = 64 << 20

    @Flag(name: .customLong("from-start"), help: "Read existing files from their start instead of the backlog.")
    var fromStart = false

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let configuration = try input.loadConfiguration()
        let symbols = SymbolTable()
        let fleet = try monitor.makeMonitor(monitor.streaming(window: output.window, thresholds: configuration.thresholds),
                                            mapping: configuration.fields, symbols: symbols)
        var options = FollowOptions()
        options.backlog = fromStart ? nil : backlog
        let sources = SourceGroup(inputs: input.paths, options: options, mapping: configuration.fields, symbols: symbols)
        guard output.noTUI else {
            try display.runDashboard(monitor: fleet, input: .live(sources))
            return
        }
        let mailbox = Mailbox<DashboardApp.Control>()
        SignalWatcher.start { mailbox.send(control: .signal($0)) }
        sources.start(sendingTo: mailbox)
        output.printJSONLines(mailbox: mailbox, monitor: fleet, stop: sources.stop)
    }
}

func parseDuration(_ text: String) throws -> Double {
    guard let seconds = Units.seconds(text) else { throw ValidationError("'\(text)' is not a duration (e.g. 1s, 500ms, 2m).") }
    return seconds
}

func parseTime(_ text: String) throws -> Double {
    if let seconds = Double(text), seconds.isFinite { return seconds }
    guard let seconds = RFC3339.seconds(text) else {
        throw ValidationError("'\(text)' is not a time (RFC 3339 such as 2026-11-20T03:00:00Z, or Unix seconds).")
    }
    return seconds
}

func parseSize(_ text: String) throws -> Int {
    guard let bytes = Units.bytes(text) else { throw ValidationError("'\(text)' is not a size (e.g. 64MiB, 1G).") }
    return bytes
}
