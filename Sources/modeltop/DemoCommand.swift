import ArgumentParser
import ModelTopApp

/// `modeltop demo`: replays the recorded demo traffic, with its scripted incidents.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the demo traffic (four models, three nodes, six hours, scripted incidents) at 60x, looping.",
        discussion: """
            Uses demo-data/ (next to the binary, in the current directory, or $MODELTOP_DEMO_DATA): \
            a file per serving node, a labels file and a reference file per model. Panes are 5 \
            minutes; the window is the last 30 minutes. The README lists the incidents and when \
            they happen.
            """
    )

    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp("Times real time, or 'max'.", valueName: "N|max"))
    var speed = SpeedArgument(60)

    @Flag(name: .customLong("no-loop"), help: "Stop at the end of the recording instead of starting again.")
    var noLoop = false

    @Flag(name: .customLong("no-tui"), help: "Print JSON lines instead of the dashboard.")
    var noTUI = false

    func run() throws {
        try Demo(speed: speed.factor, loop: !noLoop, display: display.settings, jsonInterval: noTUI ? 1 : nil).run()
    }
}
