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
        public var silent: Bool
        public var slow: Bool
    }

    public var model: String
    public var rows: [Row]
}
