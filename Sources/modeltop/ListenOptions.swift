import ArgumentParser
import ModelTopApp
import ModelTopServer
import ModelTopSystem

/// `watch --listen`: the HTTP receiver for shippers, payload loggers and Prometheus.
struct ListenOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Receive events over HTTP (POST /v1/events, CloudEvents) and serve /metrics: a port (on 127.0.0.1), ADDR:PORT, or :PORT (every address).",
        valueName: "[addr:]port"))
    var listen: ListenAddress?

    @Option(name: .customLong("token-file"), help: ArgumentHelp(
        "A file holding the bearer token every request must carry (Authorization: Bearer TOKEN). Required off loopback.",
        valueName: "file"))
    var tokenFile: String?

    @Flag(name: .customLong("insecure-no-auth"), help: "Listen off loopback without a token (anyone who can connect can send).")
    var insecureNoAuth = false

    @Flag(name: .customLong("metrics-no-auth"), help: "Serve /metrics and /healthz without the token.")
    var metricsNoAuth = false

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM).", valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The private key of --tls-cert (PEM).", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("max-body"), help: ArgumentHelp("The largest request body, after decompression (413 above).",
                                                              valueName: "size"))
    var maxBody = SizeArgument(ReceiverConfiguration().maxBodyBytes)

    @Option(name: .customLong("max-connections"), help: "Open HTTP connections at most; more are closed at once.")
    var maxConnections = ReceiverConfiguration().maxConnections

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(
        "How long a request may take from its first byte to its last (408 and closed after).", valueName: "duration"))
    var requestTimeout = DurationArgument(ReceiverConfiguration().requestTimeout)

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("How long a connection may wait between requests.",
                                                                  valueName: "duration"))
    var idleTimeout = DurationArgument(ReceiverConfiguration().idleTimeout)

    @Option(name: .customLong("queue-depth"), help: "Request batches that may wait for the dashboard; beyond, requests get 429 (retry).")
    var queueDepth = ReceiverConfiguration().queueDepth

    func validate() throws {
        guard let listen else {
            let given = tokenFile != nil || tlsCertificate != nil || tlsKey != nil || insecureNoAuth || metricsNoAuth
            if given { throw ValidationError("--token-file, --tls-cert, --tls-key and the auth flags need --listen.") }
            return
        }
        var probe = ReceiverConfiguration()
        probe.host = listen.host
        if !probe.isLoopback && tokenFile == nil && !insecureNoAuth {
            throw ValidationError("--listen \(listen.host) is reachable from other machines: give --token-file FILE (or --insecure-no-auth).")
        }
        if (tlsCertificate == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together.") }
        try OptionRanges.maxBody.check(maxBody.bytes)
        try OptionRanges.maxConnections.check(maxConnections)
        try OptionRanges.requestTimeout.check(requestTimeout.seconds)
        try OptionRanges.idleTimeout.check(idleTimeout.seconds)
        try OptionRanges.queueDepth.check(queueDepth)
    }

    /// The receiver's settings, with the token read; nil without --listen.
    func configuration() throws -> ReceiverConfiguration? {
        guard let listen else { return nil }
        var c = ReceiverConfiguration()
        c.host = listen.host
        c.port = listen.port
        if let tokenFile {
            let token: String
            do {
                token = try SmallFile.read(tokenFile, limit: 4096).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw AppError("--token-file: \(error)")
            }
            guard !token.isEmpty else { throw AppError("--token-file \(tokenFile) is empty") }
            c.token = token
        }
        c.metricsWithoutToken = metricsNoAuth
        c.tlsCertificate = tlsCertificate
        c.tlsKey = tlsKey
        c.maxBodyBytes = maxBody.bytes
        c.maxConnections = maxConnections
        c.requestTimeout = requestTimeout.seconds
        c.idleTimeout = idleTimeout.seconds
        c.queueDepth = queueDepth
        return c
    }
}

/// `PORT`, `ADDR:PORT`, `[V6ADDR]:PORT` or `:PORT`.
struct ListenAddress: ExpressibleByArgument {
    var host: String
    var port: Int

    init?(argument: String) {
        var hostPart = "127.0.0.1"
        var portPart = Substring(argument)
        if argument.hasPrefix("["), let close = argument.firstIndex(of: "]") {
            hostPart = String(argument[argument.index(after: argument.startIndex)..<close])
            portPart = argument[argument.index(after: close)...].drop(while: { $0 == ":" })
        } else if let colon = argument.lastIndex(of: ":") {
            let h = argument[..<colon]
            hostPart = h.isEmpty ? "0.0.0.0" : String(h)
            portPart = argument[argument.index(after: colon)...]
        }
        guard let port = Int(portPart), (0...65_535).contains(port), !hostPart.isEmpty else { return nil }
        host = hostPart
        self.port = port
    }
}
