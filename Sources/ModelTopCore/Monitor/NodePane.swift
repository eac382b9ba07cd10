/// One serving node's traffic for a model in one pane or window.
public struct NodePane: Sendable {
    public var predictions = 0
    /// Every event from the node (predictions, labels, metrics).
    public var events = 0
    public var latency = LatencyHistogram()
    /// `error_rate` metric samples.
    public var errorRate = Moments()
    public var lastEventTime = -Double.infinity

    public init() {}

    public mutating func merge(_ other: NodePane) {
        predictions += other.predictions
        events += other.events
        latency.merge(other.latency)
        errorRate.merge(other.errorRate)
        lastEventTime = max(lastEventTime, other.lastEventTime)
    }
}
