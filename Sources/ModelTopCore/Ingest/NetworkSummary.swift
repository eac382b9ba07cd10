/// What the HTTP receiver (`watch --listen`) reports about itself, about once a second:
/// connections, requests by outcome, the inference joins, and each network source.
///
/// Events, lines and malformed lines of network sources are counted like those of files, in
/// ``IngestSummary/sources``; this adds what only the network has (peers, rejections).
public struct NetworkSummary: Sendable, Equatable {
    /// One network source (named by the request path, `X-Modeltop-Source` or its peer).
    public struct Source: Sendable, Equatable {
        public var name: String
        /// The address of the last peer that sent for it.
        public var peer: String
        public var requests = 0
        /// Events accepted (queued for ingest).
        public var events = 0
        /// Requests refused (401, 408, 413, 429, 503, 400).
        public var rejected = 0
        public var bytes = 0
        /// Wall-clock seconds of its last request.
        public var lastSeen: Double
        /// Events accepted per second, over the last few seconds.
        public var eventsPerSecond = 0.0

        public init(name: String, peer: String, lastSeen: Double) {
            self.name = name
            self.peer = peer
            self.lastSeen = lastSeen
        }
    }

    /// `ADDRESS:PORT` listened on.
    public var address: String
    public var tls = false
    public var connectionsOpen = 0
    public var connectionsAccepted = 0
    /// Connections closed at once for being over `--max-connections`.
    public var connectionsRefused = 0
    /// Connections closed for being idle or slow.
    public var connectionsTimedOut = 0
    public var requests = 0
    /// Responses by status code.
    public var responses: [Int: Int] = [:]
    public var eventsAccepted = 0
    /// Inference halves paired, and those that never found their other half.
    public var joined = 0
    public var responsesAlone = 0
    public var requestsAlone = 0
    public var waitingHalves = 0
    /// Sources by name, busiest first; at most ``sourceLimit`` (the rest under "(other sources)").
    public var sources: [Source] = []

    /// Network sources tracked one by one.
    public static let sourceLimit = 256

    public init(address: String) {
        self.address = address
    }

    /// Requests refused with a 4xx or 5xx status.
    public var rejected: Int { responses.filter { $0.key >= 400 }.values.reduce(0, +) }
}
