/// The selected model per serving node, so one slow or silent node stands out.
public struct NodesModel: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var eventsPerSecond: Double
        public var predictions: Int
        public var p50: Double?
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
    }

    public var model: String
    public var rows: [Row]
}
