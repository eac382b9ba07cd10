import ArgumentParser
import ModelTopApp
import ModelTopIngest

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

            Remote files: ssh://[USER@]HOST[:PORT]/PATH-OR-GLOB follows files on a serving node \
            through the system ssh (your config, agent, keys and ProxyJump; no password prompts), \
            resuming at the same byte after a dropped connection. Events without a node get the \
            host's name.

            With --listen, also receives events over HTTP (no path needed): POST NDJSON, a JSON \
            array or CloudEvents (KServe and Seldon payload loggers) to /v1/events[/SOURCE]; \
            GET /metrics (Prometheus), /v1/report (JSON) and /healthz. The README's Fleet \
            section has shipper and Prometheus configurations.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var monitor: MonitorOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("How much of the end of each existing file to read first.", valueName: "size"))
    var backlog = SizeArgument(FollowOptions().backlog ?? 0)

    @Flag(name: .customLong("from-start"), help: "Read existing files from their start instead of the backlog.")
    var fromStart = false

    @Flag(help: "Check every file for changes five times a second instead of using inotify (for network file systems, where inotify misses writes made on other hosts).")
    var poll = false

    @OptionGroup var display: DisplayOptions

    @Option(name: .customLong("emit-panes"), help: ArgumentHelp(
        "Run as a worker (with --no-tui and --reference): every --interval, send what the panes gained to DEST, a file (appended) or kafka://BROKER[,BROKER...]/TOPIC, for a dashboard or report that reads panes:FILE or panes+kafka://... to merge (docs/scaling.md).",
        valueName: "dest"))
    var emitPanes: String?

    @Option(name: .customLong("worker-name"), help: ArgumentHelp("The worker's name in merged views (default: host:pid).", valueName: "name"))
    var workerName: String?

    @OptionGroup var network: ListenOptions
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if network.listen == nil {
            guard !input.paths.isEmpty else { throw ValidationError("Give at least one log file, pattern or '-' (or --listen).") }
        }
        try OptionRanges.backlog.check(backlog.bytes)
        if emitPanes != nil {
            guard output.noTUI else { throw ValidationError("--emit-panes needs --no-tui (a worker has no dashboard).") }
            guard !monitor.references.isEmpty else {
                throw ValidationError("--emit-panes needs --reference files, the same ones the merging side reads (panes are binned on them).")
            }
        }
    }

    func run() throws {
        let inputs = try input.inputs(references: monitor.references)
        var follow = FollowOptions()
        follow.backlog = fromStart ? nil : backlog.bytes
        follow.useInotify = !poll
        var configuration = monitor.streaming(window: output.window, configuration: inputs.configuration)
        configuration.emitsSummaries = emitPanes != nil
        var watch = Watch(inputs: inputs, monitor: configuration,
                          follow: follow, display: display.settings, jsonInterval: output.jsonInterval,
                          listen: try network.configuration())
        watch.remote = remote.settings
        watch.emitPanes = emitPanes
        watch.workerName = workerName
        try watch.run()
    }
}
