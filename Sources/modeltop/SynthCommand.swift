import ArgumentParser
import Foundation
import ModelTopApp
import ModelTopSynth

/// `modeltop synth`: synthetic traffic from a scenario.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic prediction traffic from a scenario (models, features, labels, incidents).",
        discussion: """
            Writes NDJSON events to standard output, or with --out DIR one file per node, \
            labels.jsonl and reference/MODEL.jsonl. Seeded: the same scenario and seed write the \
            same bytes. docs/synth.md describes scenario files; --list-incidents lists the \
            incident kinds. Examples:
              modeltop synth --speed max demo-data/scenarios/drill.toml | modeltop report -
              modeltop synth --speed 60 --out /tmp/drill demo-data/scenarios/drill.toml
            """
    )

    @Argument(help: ArgumentHelp("The scenario file (TOML).", valueName: "scenario"))
    var scenario: String?

    @Flag(name: .customLong("list-incidents"), help: "List the incident kinds and their settings, and exit.")
    var listIncidents = false

    @Option(help: "The random seed (default: the scenario's).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Event time to generate (default: the scenario's).", valueName: "duration"))
    var duration: DurationArgument?

    @Option(help: ArgumentHelp("Write NODE.jsonl per node, labels.jsonl and reference/MODEL.jsonl here instead of standard output.",
                               valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Write each incident's kind, window and target as a JSON line here.", valueName: "file"))
    var truth: String?

    @Option(help: ArgumentHelp("POST the lines (NDJSON, about 256 KiB a request) to modeltop's receiver at this http:// or https:// URL instead.",
                               valueName: "url"))
    var post: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("With --post: a file holding the receiver's bearer token.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("With an https --post: trust these PEM certificates instead of the system's.", valueName: "file"))
    var caFile: String?

    @Option(help: ArgumentHelp("Event seconds per wall second, or 'max'.", valueName: "N|max"))
    var speed = SpeedArgument(.infinity)

    @Option(help: ArgumentHelp("At most this many lines per second (50k/s, 2000).", valueName: "rate"))
    var rate: RateArgument?

    func validate() throws {
        if !listIncidents, scenario == nil { throw ValidationError("Give a scenario file (or --list-incidents).") }
        if let duration, duration.seconds <= 0 { throw ValidationError("--duration must be more than 0.") }
        if post != nil, out != nil { throw ValidationError("--post and --out: choose one.") }
        if post == nil, tokenFile != nil || caFile != nil { throw ValidationError("--token-file and --ca-file go with --post.") }
    }

    func run() throws {
        if listIncidents {
            for kind in Incident.Kind.allCases {
                let help = kind.help
                print("\(kind.rawValue): \(help.summary)")
                for (key, text) in help.keys { print("    \(key): \(text)") }
                print("    start, end | duration: when (default: the whole scenario); ramp for drifts and rollouts")
            }
            return
        }
        var synth = Synth(scenarioPath: scenario!)
        synth.seed = seed
        synth.duration = duration?.seconds
        synth.outDirectory = out
        synth.truthPath = truth
        synth.speed = speed.factor
        synth.rate = rate?.perSecond
        synth.postURL = post
        synth.caFile = caFile
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else { throw ValidationError("--token-file \(tokenFile): cannot read it") }
            synth.token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            try synth.run()
        } catch let error as AppError {
            throw error
        }
    }
}
