/// How the monitor windows and bounds its state.
public struct MonitorConfiguration: Sendable, Equatable {
    /// Seconds of event time per pane (`--pane`); infinity makes one pane of everything.
    public var paneSeconds: Double = 60
    /// Panes kept for sparklines and heatmaps (`--panes`).
    public var panes: Int = 60
    /// Panes in the current window (`--window`), the newest ones.
    public var window: Int = 10
    /// Values kept per pane and feature for KS (`--sample`, a uniform reservoir); nil keeps all
    /// (exact, for `report`).
    public var sampleLimit: Int? = 4096
    /// Predictions that make a model's reference when no reference file names it.
    public var referenceSize: Int = 5000
    /// Seconds of event time a prediction waits for its label (`--label-ttl`).
    public var labelTTL: Double = 3600
    /// Predictions (and early labels) waiting to be joined, per model (`--max-pending`).
    public var maxPending: Int = 100_000
    /// Distinct categories counted per feature (reference and windows alike); more are counted
    /// together as "(other)". Also the most classes a model's outcomes count one by one.
    public var maxCategories: Int = 1000
    /// Models tracked one by one; events of others go to "(other models)".
    public var maxModels: Int = 1000
    /// Per model: serving nodes, versions and metric names tracked one by one; the rest go to
    /// "(other nodes)", "(other versions)", "(other metrics)".
    public var maxNodes: Int = 256
    public var maxVersions: Int = 64
    public var maxMetrics: Int = 64
    /// Features tracked per model; values of further features are counted and left out.
    public var maxFeatures: Int = 1000
    /// Event times further than this ahead of the event-time clock are counted out of range
    /// and left out (a clock set wrong on one node must not blank every window).
    public var maxAhead: Double = 86_400
    /// A worker's monitor (`--emit-panes`): its panes are taken as summaries every block and
    /// not sealed (their samples go to whoever merges them).
    public var emitsSummaries = false
    /// Batches are applied model by model, large ones on every core (``FleetMonitor/apply(_:)``);
    /// false: one event after another on the calling thread. The figures are the same.
    public var appliesInParallel = true
    /// Tasks set in the configuration file, by model name (else inferred).
    public var tasks: [String: ModelTask] = [:]
    public var thresholds = AlertThresholds()

    public init() {}

    /// Settings for exact whole-input statistics (`report`): one pane, nothing sampled.
    public static var exact: MonitorConfiguration {
        var c = MonitorConfiguration()
        c.paneSeconds = .infinity
        c.panes = 1
        c.window = 1
        c.sampleLimit = nil
        return c
    }

    /// The pane number of event time `t`.
    @inlinable @inline(__always)
    public func pane(of t: Double) -> Int {
        paneSeconds.isInfinite ? 0 : Int((t / paneSeconds).rounded(.down))
    }
}
