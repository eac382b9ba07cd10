/// How `watch --listen` serves: where, who may send, and the limits that keep a hostile or
/// broken client from taking it down.
public struct ReceiverConfiguration: Sendable {
    /// Address to bind (default: loopback only).
    public var host = "127.0.0.1"
    public var port = 0
    /// A bearer token every request must carry (`Authorization: Bearer TOKEN`), if set.
    public var token: String?
    /// `/metrics` and `/healthz` without the token (for a Prometheus without credentials).
    public var metricsWithoutToken = false
    /// PEM files for HTTPS.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// The largest request body, after decompression (413 above).
    public var maxBodyBytes = 16 << 20
    /// Open connections at most; more are closed as soon as they are accepted.
    public var maxConnections = 1024
    /// Seconds a connection may wait between requests.
    public var idleTimeout: Double = 60
    /// Seconds a request may take from its first byte to its last (408 above): a slow client
    /// cannot hold a connection forever.
    public var requestTimeout: Double = 30
    /// Seconds an export (`/metrics`, `/v1/report`) may wait for the dashboard's loop (503 above).
    public var exportTimeout: Double = 10
    /// Batches of decoded events that may wait for the loop; when all wait, requests get 429.
    public var queueDepth = 16

    public init() {}

    /// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
