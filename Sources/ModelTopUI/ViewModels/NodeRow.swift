/// One serving node as the node views show it: its rate, latency, errors and flags.
public struct NodeRow: Sendable {
    public var name: String
    /// Events per second of event time over the window.
    public var eventsPerSecond: Double
    public var p99: Double?
    public var errorRate: Double?
    /// Seconds of event time since the node's last event.
    public var lastSeenAgo: Double
    /// No event for two panes.
    public var silent: Bool
    /// A p99 over the latency threshold, or over twice the median of the other nodes'.
    public var slow: Bool
    /// An error rate over the error-rate threshold.
    public var errors: Bool
    /// The latencies in the window when too few to judge ``slow`` (nil once judged).
    public var unjudgedLatencies: Int? = nil
}
