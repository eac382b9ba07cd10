import ArgumentParser
import ModelTopCore
import ModelTopIngest

/// Options that shape the statistics: the reference and the windows. Defaults come from
/// ``MonitorConfiguration`` (ArgumentParser prints them in `--help`).
struct MonitorOptions: ParsableArguments {
    private static let defaults = MonitorConfiguration()

    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "A file of reference events (same format), e.g. a validation sample; repeatable. Models it does not name use their first --reference-size predictions.",
        valueName: "file"))
    var references: [String] = []

    @Option(name: .customLong("reference-size"), help: "Predictions that make a model's reference when no file gives one.")
    var referenceSize = defaults.referenceSize

    @Option(name: .customLong("pane"), help: ArgumentHelp("Event time per pane.", valueName: "duration"))
    var paneDuration = DurationArgument(defaults.paneSeconds)

    @Option(help: "Panes kept for sparklines and heatmaps.")
    var panes = defaults.panes

    @Option(name: .customLong("sample"), help: "Values kept per pane and feature for KS, a uniform reservoir.")
    var sampleLimit = defaults.sampleLimit ?? 4096

    @Option(name: .customLong("label-ttl"), help: ArgumentHelp("How long a prediction waits for its label, in event time.",
                                                             valueName: "duration"))
    var labelTTLDuration = DurationArgument(defaults.labelTTL)

    @Option(name: .customLong("max-pending"), help: "Predictions waiting for labels, per model, before the oldest are dropped.")
    var maxPending = defaults.maxPending

    var pane: Double { paneDuration.seconds }
    var labelTTL: Double { labelTTLDuration.seconds }

    func validate() throws {
        try OptionRanges.referenceSize.check(referenceSize)
        try OptionRanges.pane.check(pane)
        try OptionRanges.panes.check(panes)
        try OptionRanges.sample.check(sampleLimit)
        try OptionRanges.labelTTL.check(labelTTL)
        try OptionRanges.maxPending.check(maxPending)
    }

    /// The monitor settings for following (`watch`, `replay`): `window` panes of `--pane`.
    func streaming(window: Int, configuration: Configuration) -> MonitorConfiguration {
        var c = MonitorConfiguration()
        c.paneSeconds = pane
        c.panes = max(panes, window)
        c.window = window
        c.sampleLimit = sampleLimit
        apply(to: &c, configuration: configuration)
        return c
    }

    /// The monitor settings for `report`: everything exactly, or the last `window` panes.
    func exact(window: Int?, configuration: Configuration) -> MonitorConfiguration {
        var c = MonitorConfiguration.exact
        if let window {
            c.paneSeconds = pane
            c.panes = window
            c.window = window
        }
        apply(to: &c, configuration: configuration)
        return c
    }

    private func apply(to c: inout MonitorConfiguration, configuration: Configuration) {
        c.referenceSize = referenceSize
        c.labelTTL = labelTTL
        c.maxPending = maxPending
        configuration.apply(to: &c)
    }
}
