/// A remote source on the command line: `ssh://[USER@]HOST[:PORT]/PATH-OR-GLOB`.
public struct RemoteTarget: Sendable, Equatable {
    public var user: String?
    public var host: String
    public var port: Int?
    /// The remote path or glob (absolute; `/~/x` is `x` in the remote home directory).
    public var pattern: String

    /// Parses `text`; nil when it is not an `ssh://` address with a path.
    public init?(_ text: String) {
        guard text.hasPrefix("ssh://") else { return nil }
        let rest = text.dropFirst("ssh://".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        var authority = rest[..<slash]
        var path = String(rest[slash...])
        if path.hasPrefix("/~/") { path = String(path.dropFirst(3)) }
        guard !path.isEmpty, path != "/" else { return nil }
        if let at = authority.lastIndex(of: "@") {
            user = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
            if user!.isEmpty { return nil }
        }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65_535).contains(p) else { return nil }
                port = p
            } else if !after.isEmpty {
                return nil
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(p) else { return nil }
            port = p
        } else {
            host = String(authority)
        }
        guard !host.isEmpty, !host.hasPrefix("-") else { return nil }  // never an ssh option
        pattern = path
    }

    /// Whether `text` is meant as a remote source (so a malformed one is an error, not a file).
    public static func isRemote(_ text: String) -> Bool { text.hasPrefix("ssh://") }

    /// `[user@]host[:port]`: one connection serves every target with the same destination.
    public var destination: String {
        (user.map { "\($0)@" } ?? "") + host + (port.map { ":\($0)" } ?? "")
    }

    /// The `ssh` arguments for this destination: `-l USER`, `-p PORT`, then `HOST`.
    public var destinationArguments: [String] {
        (user.map { ["-l", $0] } ?? []) + (port.map { ["-p", String($0)] } ?? []) + ["--", host]
    }
}
