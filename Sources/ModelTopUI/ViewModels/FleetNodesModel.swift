/// Every serving node across models (`N`): one sick for every model stands out.
public struct FleetNodesModel: Sendable {
    public struct Row: Sendable {
        public var node: NodeRow
        /// Models it serves (in the window or ever).
        public var models: Int
    }

    public var rows: [Row]
    public var selected: Int
}
