import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest

/// `modeltop demo`: replays the recorded demo traffic, with its scripted incidents.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the demo traffic (four models, three nodes, six hours, scripted incidents) at 60x, looping.",
        discussion: """
            Uses demo-data/ (next to the binary, in the current directory, or $MODELTOP_DEMO_DATA): \\
            a file per serving node, a labels file and a reference file per model. Panes are 5 \\
            minutes; the window is the last 30 minutes. The README lists the incidents and when \\
            they happen.
            """
    )

    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp("Times real time, or 'max' (default: 60).", valueName: "N|max"), transform: parseSpeed)
    var speed: Double = 60

    @Flag(name: .customLong("no-loop"), help: "Stop at the end of the recording instead of starting again.")
    var noLoop = false

    @Flag(name: .customLong("no-tui"), help: "Print JSON lines instead of the dashboard.")
    var noTUI = false

    /// The demo-data folder.
    static func dataDirectory() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["MODELTOP_DEMO_DATA"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/demo-data")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent("../../demo-data").standardized.path)
        candidates.append(executable.appendingPathComponent("../share/modeltop/demo-data").standardized.path)
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/labels.jsonl") }) else {
            throw UserError("no demo data (looked in \(candidates.joined(separator: ", "))); run from the repository, or set MODELTOP_DEMO_DATA")
        }
        return found
    }

    func run() throws {
        let directory = try Self.dataDirectory()
        var monitor = try MonitorOptions.parse([])
        monitor.references = ["fraud", "churn", "price", "ranker"].map { "\(directory)/reference/\($0).jsonl" }
        monitor.pane = 300
        monitor.panes = 72
        let inputs = ["eu-1", "eu-2", "us-2", "labels"].map { "\(directory)/\($0).jsonl" }
        var output = try OutputOptions.parse([])
        output.window = 6
        output.noTUI = noTUI
        try ReplayCommand.replay(paths: inputs, configuration: Configuration(), monitor: monitor, output: output,
                                 speed: speed, loop: !noLoop, display: display)
    }
}
