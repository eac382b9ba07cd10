/// The state of one remote host (`ssh://` sources): whether it is connected, why not, and how
/// far behind its files modeltop is.
public struct RemoteHostStatus: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case connecting
        case connected
        /// The connection failed or dropped; the next attempt is at this wall-clock time.
        case retrying(at: Double)
    }

    /// The host as given (`user@host:port`).
    public var host: String
    public var state: State
    /// The last error line of `ssh` (`Permission denied (publickey).`), or of the remote script.
    public var lastError: String?
    /// Remote files followed.
    public var files = 0
    /// Bytes in the remote files not read yet.
    public var bytesBehind = 0
    /// Connections that completed a round, and attempts that failed.
    public var connects = 0
    public var failures = 0
    /// Wall-clock time of the last completed round.
    public var lastRound: Double?

    public init(host: String, state: State) {
        self.host = host
        self.state = state
    }

    public var isUp: Bool { state == .connected }
}
