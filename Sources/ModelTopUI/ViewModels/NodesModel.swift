/// The selected model per serving node, so one slow or silent node stands out.
public struct NodesModel: Sendable {
    public struct Row: Sendable {
        public var node: NodeRow
        public var p50: Double?
        public var predictions: Int
    }

    public var model: String
    public var rows: [Row]
    public var selected: Int
}
