/// How one serving node is doing for a model over the current window: its rate, latency and
/// errors, and the flags a node view shows (silent, slow, erroring).
public struct NodeHealth: Sendable, Equatable {
    public var node: Symbol
    public var predictions: Int
    public var events: Int
    /// Events per second of event time over the window.
    public var eventsPerSecond: Double
    public var latency: LatencyHistogram
    public var errorRate: Double?
    /// Event time of its last event (over the model's life).
    public var lastSeen: Double
    /// Nothing for more than two panes of event time.
    public var silent: Bool
    /// p99 over the latency thresholds, or more than twice the median p99 of the other nodes;
    /// judged only from ``AlertThresholds/minimumNodeLatencies`` latencies in the window.
    public var slow: Bool
    /// Whether the window has the latencies to judge ``slow`` (false: not judged, not slow).
    public var slownessJudged: Bool
    /// Error rate over its thresholds.
    public var errors: Bool

    /// The severity the flags amount to: silent is ALERT, slow or erroring WARN.
    public var severity: Severity { silent ? .alert : slow || errors ? .warn : .ok }

    /// The reason for that severity, if any.
    public var reason: Reason? {
        if silent { return .nodeSilent(node: node, lastSeen: lastSeen) }
        if slow, let p99 = latency.quantile(0.99) { return .nodeSlow(node: node, p99: p99) }
        if errors, let errorRate { return .nodeErrors(node: node, rate: errorRate) }
        return nil
    }

    /// Every node `model` has ever used (silent ones included), by name order of their symbols'
    /// first use, judged over `snapshot`'s window at event time `clock`.
    /// - Complexity: O(nodes log nodes).
    public static func assess(_ model: ModelMonitor, snapshot: ModelSnapshot, clock: Double) -> [NodeHealth] {
        let configuration = model.configuration
        let seconds = max(snapshot.seconds, 1)
        let panes = Dictionary(uniqueKeysWithValues: snapshot.nodes.map { ($0.name, $0.pane) })
        let thresholds = configuration.thresholds
        // A p99 of a few latencies is their largest: a node is judged slow, and compared with,
        // only from half of `min_samples` latencies in the window (the first minutes of a
        // replay had every node flagged slow in turn).
        let minimum = thresholds.minimumNodeLatencies
        // The p99 of each node judged, computed once (a quantile sorts the histogram's buckets).
        let p99s = snapshot.nodes.compactMap { n in
            n.pane.latency.count >= minimum ? n.pane.latency.quantile(0.99).map { (n.name, $0) } : nil
        }
        let judgedP99 = Dictionary(uniqueKeysWithValues: p99s)
        return model.nodeLastSeen.keys.map { node in
            let pane = panes[node] ?? NodePane()
            let lastSeen = model.nodeLastSeen[node] ?? -.infinity
            let p99 = judgedP99[node]
            let others = p99s.filter { $0.0 != node }.map(\.1).sorted()
            let median = others.isEmpty ? nil : others[(others.count - 1) / 2]
            let relativelySlow = p99.flatMap { p in median.map { p > 2 * $0 } } ?? false
            let overThreshold = p99.map { AlertThresholds.level($0, warn: thresholds.p99LatencyWarn, alert: thresholds.p99LatencyAlert) > .ok } ?? false
            let errorRate = pane.errorRate.count > 0 ? pane.errorRate.mean : nil
            return NodeHealth(
                node: node, predictions: pane.predictions, events: pane.events, eventsPerSecond: Double(pane.events) / seconds,
                latency: pane.latency, errorRate: errorRate, lastSeen: lastSeen,
                silent: clock - lastSeen > 2 * configuration.paneSeconds, slow: relativelySlow || overThreshold,
                slownessJudged: p99 != nil,
                errors: errorRate.map { AlertThresholds.level($0, warn: thresholds.errorRateWarn, alert: thresholds.errorRateAlert) > .ok } ?? false)
        }
    }
}
