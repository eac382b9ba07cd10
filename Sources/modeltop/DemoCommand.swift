import ArgumentParser
import ModelTopApp

/// `modeltop demo`: replays the recorded demo traffic, with its scripted incidents.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the demo traffic (four models, three nodes, six hours, scripted incidents) at 60x, looping.",
        discussion: """
            Uses demo-data/ ($MODELTOP_DEMO_DATA, the current directory, beside the executable, or \
            <prefix>/share/modeltop after make install): a file per serving node, a labels file and \
            a reference file per model. Panes are 15 minutes; the window is the last 30 minutes. The README lists the incidents and when \
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

    func validate() throws {
        if speed.factor.isFinite { try OptionRanges.speed.check(speed.factor) }
    }

    func run() throws {
        try Demo(speed: speed.factor, loop: !noLoop, display: display.settings, jsonInterval: noTUI ? 1 : nil).run()
    }
}
