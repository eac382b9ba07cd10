import ArgumentParser
import ModelTopCore
import ModelTopIngest

/// Options that shape the statistics: the reference and the windows.
struct MonitorOptions: ParsableArguments {
    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "A file of reference events (same format), e.g. a validation sample; repeatable. Models it does not name use their first --reference-size predictions.",
        valueName: "file"))
    var references: [String] = []

    @Option(name: .customLong("reference-size"), help: "Predictions that make a model's reference when no file gives one (default: 5000).")
    var referenceSize = 5000

    @Option(help: ArgumentHelp("Event time per pane (default: 1m).", valueName: "duration"), transform: parseDuration)
    var pane: Double = 60

    @Option(help: "Panes kept for sparklines and heatmaps (default: 60).")
    var panes = 60

    @Option(name: .customLong("sample"), help: "Values kept per pane and feature for KS, a uniform reservoir (default: 4096).")
    var sampleLimit = 4096

    @Option(name: .customLong("label-ttl"), help: ArgumentHelp("How long a prediction waits for its label, in event time (default: 1h).",
                                                             valueName: "duration"), transform: parseDuration)
    var labelTTL: Double = 3600

    @Option(name: .customLong("max-pending"), help: "Predictions waiting for labels, per model, before the oldest are dropped (default: 100000).")
    var maxPending = 100_000

    func validate() throws {
        guard referenceSize > 0 else { throw ValidationError("--reference-size must be above 0.") }
        guard pane > 0 else { throw ValidationError("--pane must be above 0.") }
        guard panes > 0 else { throw ValidationError("--panes must be above 0.") }
        guard sampleLimit > 0 else { throw ValidationError("--sample must be above 0.") }
        guard maxPending > 0 else { throw ValidationError("--max-pending must be above 0.") }
    }

    /// The monitor settings for following (`watch`): `window` panes of `--pane`.
    func streaming(window: Int, thresholds: AlertThresholds) -> MonitorConfiguration {
        var c = MonitorConfiguration()
        c.paneSeconds = pane
        c.panes = max(panes, window)
        c.window = window
        c.sampleLimit = sampleLimit
        apply(to: &c, thresholds: thresholds)
        return c
    }

    /// The monitor settings for `report`: everything exactly, or the last `window` panes.
    func exact(window: Int?, thresholds: AlertThresholds) -> MonitorConfiguration {
        var c = MonitorConfiguration.exact
        if let window {
            c.paneSeconds = pane
            c.panes = window
            c.window = window
        }
        apply(to: &c, thresholds: thresholds)
        return c
    }

    private func apply(to c: inout MonitorConfiguration, thresholds: AlertThresholds) {
        c.referenceSize = referenceSize
        c.labelTTL = labelTTL
        c.maxPending = maxPending
        c.thresholds = thresholds
    }

    /// A monitor with the reference files read in.
    func makeMonitor(_ configuration: MonitorConfiguration, mapping: FieldMapping, symbols: SymbolTable) throws
        -> FleetMonitor
    {
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        guard !references.isEmpty else { return monitor }
        let group = SourceGroup(inputs: references, options: FollowOptions(), mapping: mapping, symbols: symbols)
        let problems = group.problemsForReading()
        guard problems.isEmpty else { throw UserError("reference: " + problems.joined(separator: "\n")) }
        group.readToEnd { batch in monitor.addReference(batch.events) }
        monitor.finishReferences()
        return monitor
    }
}
