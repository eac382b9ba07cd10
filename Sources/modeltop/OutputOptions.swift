import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopTerminal
import ModelTopUI

/// Options of the commands that show a live window (`watch`, `replay`): its size, and JSON
/// lines instead of the dashboard.
struct OutputOptions: ParsableArguments {
    @Option(help: "Panes (of --pane) in the current window (default: 10).")
    var window = 10

    @Flag(name: .customLong("no-tui"), help: "Print JSON lines instead of the dashboard.")
    var noTUI = false

    @Option(help: ArgumentHelp("How often --no-tui prints a line (default: 1s).", valueName: "duration"),
            transform: parseDuration)
    var interval: Double = 1

    func validate() throws {
        guard interval > 0 else { throw ValidationError("--interval must be above 0.") }
        guard window > 0 else { throw ValidationError("--window must be above 0.") }
    }

    /// The --no-tui loop: applies batches, prints the report as one JSON line every interval,
    /// and a last line on a terminating signal or at the end of a replay (then pending joins
    /// are counted, as `report` counts them).
    func printJSONLines(mailbox: Mailbox<DashboardApp.Control>, monitor: FleetMonitor, stop: () -> Void) {
        var fleet = monitor
        var ingest = IngestSummary()
        func apply(_ batch: DecodedBatch) {
            ingest.apply(batch)
            fleet.apply(batch.events)
            batch.recycle()
        }
        func emit() {
            print(FleetReport(ingest: ingest, monitor: fleet).json(time: Date().timeIntervalSince1970).rendered())
            fflush(nil)
        }
        var next = Date().timeIntervalSince1970 + interval
        while true {
            switch mailbox.receive(until: next) {
            case .batch(let batch):
                apply(batch)
            case .control(.signal):
                stop()
                emit()
                return
            case .control(.replayFinished):
                // Control messages overtake batches: apply the last ones first.
                while case .batch(let batch)? = mailbox.poll() { apply(batch) }
                fleet.finish()
                emit()
                return
            case nil:
                emit()
                next = max(next + interval, Date().timeIntervalSince1970)
            }
        }
    }
}
