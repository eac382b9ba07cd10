import ArgumentParser

/// `modeltop`: the root command. Without a subcommand it runs `watch`.
struct ModelTopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modeltop",
        abstract: "top for machine-learning models: live drift, accuracy and latency from prediction logs.",
        discussion: """
            Reads NDJSON prediction, label and metric events (see docs/events.md) from files, glob \
            patterns or standard input ('-'), and shows per model and feature whether it is still \
            healthy.

            Examples:
              modeltop watch 'logs/*.jsonl'
              ssh node tail -F app.jsonl | modeltop watch -
              modeltop report --reference ref.jsonl --fail-on alert today.jsonl
              modeltop replay --speed 60 recorded/*.jsonl
              modeltop demo
            """,
        subcommands: [WatchCommand.self, ReportCommand.self, CheckCommand.self, ReplayCommand.self, DemoCommand.self, SynthCommand.self],
        defaultSubcommand: WatchCommand.self
    )
}
