/// Every input (`i`): files and standard input with their counts, and the HTTP receiver's
/// network sources with their peers, request rates and rejections.
public struct SourcesModel: Sendable {
    public struct Row: Sendable {
        public var name: String
        /// `file`, `network`.
        public var kind: String
        public var lines: Int
        public var events: Int
        public var malformed: Int
        public var bytes: Int
        /// Network sources only.
        public var peer: String?
        public var requests: Int?
        public var rejected: Int?
        public var eventsPerSecond: Double?
        /// Seconds since the last request (network) or the last event time seen.
        public var lastSeenAgo: Double?
        public var finished: Bool
    }

    /// What the receiver says about itself (nil without `--listen`).
    public struct Receiver: Sendable {
        public var address: String
        public var tls: Bool
        public var connectionsOpen: Int
        public var requests: Int
        /// Rejected requests by status code, e.g. `[(429, 12)]`.
        public var rejected: [(code: Int, count: Int)]
        public var connectionsRefused: Int
        public var connectionsTimedOut: Int
        public var joined: Int
        public var responsesAlone: Int
        public var requestsAlone: Int
        public var waiting: Int
    }

    /// A remote host (`ssh://` sources).
    public struct Host: Sendable {
        public var name: String
        public var up: Bool
        /// `connected`, `connecting`, `retrying in 8s`.
        public var state: String
        public var files: Int
        public var bytesBehind: Int
        public var lastError: String?
    }

    public var receiver: Receiver?
    public var hosts: [Host] = []
    public var rows: [Row]
    /// The first source row shown.
    public var first = 0
}
