import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest
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

    @Option(help: "Panes (of --pane) in the current window (default: 10).")
    var window = 10

    @Flag(name: .customLong("no-tui"), help: "Print JSON lines instead of the dashboard.")
    var noTUI = false

    @Option(help: ArgumentHelp("How often --no-tui prints a line (default: 1s).", valueName: "duration"),
            transform: parseDuration)
    var interval: Double = 1

    @Option(help: ArgumentHelp("How much of the end of each existing file to read first (default: 64MiB).",
                               valueName: "size"), transform: parseSize)
    var backlog: Int = 64 << 20

    @Flag(name: .customLong("from-start"), help: "Read existing files from their start instead of the backlog.")
    var fromStart = false

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard interval > 0 else { throw ValidationError("--interval must be above 0.") }
        guard window > 0 else { throw ValidationError("--window must be above 0.") }
    }

    func run() throws {
        let configuration = try input.loadConfiguration()
        let symbols = SymbolTable()
        var summary = IngestSummary()
        var fleet = try monitor.makeMonitor(monitor.streaming(window: window, thresholds: configuration.thresholds),
                                            mapping: configuration.fields, symbols: symbols)
        var options = FollowOptions()
        options.backlog = fromStart ? nil : backlog
        let sources = SourceGroup(inputs: input.paths, options: options, mapping: configuration.fields, symbols: symbols)
        guard noTUI else {
            try display.runDashboard(monitor: fleet, input: .live(sources))
            return
        }
        let mailbox = Mailbox<Int32>()
        SignalWatcher.start { mailbox.send(control: $0) }
        sources.start(sendingTo: mailbox)
        var next = Date().timeIntervalSince1970 + interval
        func emit() {
            let line = FleetReport(ingest: summary, monitor: fleet).json(time: Date().timeIntervalSince1970)
            print(line.rendered())
            fflush(nil)
        }
        while true {
            switch mailbox.receive(until: next) {
            case .batch(let batch):
                summary.apply(batch)
                fleet.apply(batch.events)
                batch.recycle()
            case .control:
                sources.stop()
                emit()
                return
            case nil:
                emit()
                next += interval
                let now = Date().timeIntervalSince1970
                if next < now { next = now + interval }
            }
        }
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
