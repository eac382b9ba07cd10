/// The last malformed lines (`e`), sanitized.
public struct MalformedModel: Sendable {
    public struct Line: Sendable {
        public var source: String
        public var reason: String
        public var text: String
    }

    /// Malformed lines counted over all sources.
    public var total: Int
    /// Newest first.
    public var lines: [Line]
    public var selected: Int
}
