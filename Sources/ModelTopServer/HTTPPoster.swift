import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOSSL

/// POSTs NDJSON bodies to `http://` or `https://HOST[:PORT][/PATH]` (modeltop's receiver, or
/// anything that takes NDJSON) over one kept-alive connection: `synth --post`. A 429 or 503 is
/// retried after a pause (the receiver is full); a connection the server closed is made again;
/// other statuses are errors. HTTPS checks the server's certificate against the system's trust
/// roots, or against `caFile` (a self-signed receiver's certificate, say).
public final class HTTPPoster {
    /// Why posting failed (a message for the user).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public let host: String
    public let port: Int
    public let path: String
    public let token: String?
    private let tls: NIOSSLContext?
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    /// How long one request may take, from sending to the end of the response.
    private let timeout: TimeAmount
    /// Requests answered 2xx, and those retried.
    public private(set) var accepted = 0
    public private(set) var retried = 0

    /// - Parameters:
    ///   - url: `http://HOST[:PORT][/PATH]` or `https://…` (path: /v1/events when none).
    ///   - caFile: with https, the PEM certificates to trust instead of the system's.
    /// - Throws: ``Failure`` for another URL, or a CA file that cannot be read.
    public init(url: String, token: String?, caFile: String? = nil, timeout: Double = 30) throws(Failure) {
        let secure = url.hasPrefix("https://")
        guard secure || url.hasPrefix("http://") else { throw Failure("--post \(url): http(s)://HOST[:PORT][/PATH]") }
        let rest = url.dropFirst(secure ? 8 : 7)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        path = slash == rest.endIndex ? "/v1/events" : String(rest[slash...])
        var port = secure ? 443 : 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]"), let p = Int(authority[authority.index(after: colon)...]),
           (1...65535).contains(p) {
            port = p
            authority = authority[..<colon]
        }
        host = String(authority.hasPrefix("[") && authority.hasSuffix("]") ? authority.dropFirst().dropLast() : authority)
        self.port = port
        guard !host.isEmpty else { throw Failure("--post \(url): no host") }
        self.token = token
        self.timeout = .milliseconds(Int64(timeout * 1000))
        if secure {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let caFile {
                do {
                    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
                } catch {
                    throw Failure("--ca-file \(caFile): \(error)")
                }
            }
            do {
                tls = try NIOSSLContext(configuration: configuration)
            } catch {
                throw Failure("--post \(url): cannot set up TLS: \(error)")
            }
        } else {
            if caFile != nil { throw Failure("--ca-file is for https:// URLs") }
            tls = nil
        }
    }

    deinit {
        _ = try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    private func connect() throws(Failure) -> Channel {
        // An IP address is checked against the certificate's IP names (and sent no SNI).
        let tls = self.tls, host = self.host
        var address = in6_addr()
        let serverName = inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1 ? nil : host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(PostExchangeHandler())
                }
            }
        do {
            let channel = try bootstrap.connect(host: host, port: port).wait()
            self.channel = channel
            return channel
        } catch {
            throw Failure("--post: cannot connect to \(host):\(port): \(error)")
        }
    }

    /// Sends `body` (whole NDJSON lines); retries on 429/503 (up to 100 times) and on a
    /// connection the server closed before answering (up to 3 times).
    /// - Throws: ``Failure`` for another status, a connection that cannot be made, a TLS
    ///   handshake that fails, or a request over its time.
    public func post(_ body: [UInt8]) throws(Failure) {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        let name = host.contains(":") ? "[\(host)]" : host  // an IPv6 address in brackets
        head.headers.add(name: "Host", value: port == (tls == nil ? 80 : 443) ? name : "\(name):\(port)")
        head.headers.add(name: "Content-Type", value: "application/x-ndjson")
        head.headers.add(name: "Content-Length", value: String(body.count))
        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let buffer = ByteBuffer(bytes: body)
        var failures = 0
        for attempt in 0..<100 {
            let channel: Channel
            if let open = self.channel { channel = open } else { channel = try connect() }
            let status: Int
            do {
                let promise = channel.eventLoop.makePromise(of: Int.self)
                let deadline = channel.eventLoop.scheduleTask(in: timeout) { promise.fail(PostExchangeHandler.Timeout()) }
                // A request that cannot be written (the server ended the connection meanwhile: TLS
                // close_notify, say) gets no answer: try again on a new connection.
                let written = channel.eventLoop.makePromise(of: Void.self)
                written.futureResult.whenFailure { _ in promise.fail(PostExchangeHandler.Closed()) }
                channel.writeAndFlush(PostExchangeHandler.Exchange(head: head, body: buffer, answered: promise), promise: written)
                defer { deadline.cancel() }
                status = try promise.futureResult.wait()
            } catch {
                channel.close(promise: nil)
                self.channel = nil
                failures += 1
                // A kept-alive connection the server closed meanwhile: once more on a new one.
                if failures <= 3, error is PostExchangeHandler.Closed { continue }
                throw Failure("--post: POST \(path) to \(host):\(port) failed: \(error)")
            }
            switch status {
            case 200..<300:
                accepted += 1
                return
            case 429, 503:
                retried += 1
                Thread.sleep(forTimeInterval: min(0.05 * Double(attempt + 1), 1))
            default:
                throw Failure("--post: the server answered \(status) to POST \(path)")
            }
        }
        throw Failure("--post: the server stayed busy (429/503) for 100 attempts")
    }
}
