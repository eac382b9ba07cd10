import Foundation
import Synchronization
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOHTTPCompression
import NIOSSL
import ModelTopCore
import ModelTopIngest

/// Why the receiver could not start.
public struct ReceiverError: Error, CustomStringConvertible {
    public var description: String
}

/// The HTTP/1.1 server of `watch --listen`: shippers and payload loggers POST events to it,
/// Prometheus scrapes it. Built on SwiftNIO (NIOHTTP1, request decompression from
/// swift-nio-extras, TLS from swift-nio-ssl).
///
/// ``bind()`` opens the port (so that a port in use is an error before the dashboard starts);
/// ``start(sink:)`` connects it to the loop; until then requests get 503.
public final class HTTPReceiver: Sendable {
    public let configuration: ReceiverConfiguration
    private let shared: ReceiverShared
    private let group: MultiThreadedEventLoopGroup
    private let channel = Mutex<Channel?>(nil)
    private let tick = Mutex<RepeatedTask?>(nil)
    /// The source name of predictions made from responses whose request never came.
    public static let joinSource = "inference-logger"

    public init(configuration: ReceiverConfiguration, ingest: NetworkIngest,
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.configuration = configuration
        let counters = ReceiverCounters(address: "\(configuration.host):\(configuration.port)",
                                        tls: configuration.tlsCertificate != nil)
        shared = ReceiverShared(configuration: configuration, ingest: ingest, counters: counters, clock: clock)
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(System.coreCount, 4)))
    }

    /// Opens the port.
    /// - Returns: the address bound (`127.0.0.1:9400`; the actual port when 0 was asked).
    /// - Throws: ``ReceiverError`` for a port in use, an address that cannot be bound, or
    ///   certificate files that cannot be read.
    @discardableResult
    public func bind() throws -> String {
        let tls: NIOSSLContext?
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
                let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
                tls = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain,
                                                                                 privateKey: .privateKey(privateKey)))
            } catch {
                throw ReceiverError(description: "cannot use the TLS certificate \(certificate) and key \(key): \(error)")
            }
        } else {
            tls = nil
        }
        let shared = self.shared
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.initialize(channel, shared: shared, tls: tls)
                }
            }
        do {
            let bound = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
            channel.withLock { $0 = bound }
            let address = bound.localAddress.map { "\($0.ipAddress ?? configuration.host):\($0.port ?? configuration.port)" }
                ?? "\(configuration.host):\(configuration.port)"
            shared.counters.setAddress(address)
            return address
        } catch {
            throw ReceiverError(description: "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
    }

    /// The port bound (after ``bind()``).
    public var port: Int? { channel.withLock { $0?.localAddress?.port } }

    /// Sets up one accepted connection, or closes it at once when over the limit.
    private static func initialize(_ channel: Channel, shared: ReceiverShared, tls: NIOSSLContext?) throws {
        let counters = shared.counters
        guard counters.open < shared.configuration.maxConnections else {
            counters.connectionRefused()
            channel.close(promise: nil)
            return
        }
        counters.connectionAccepted()
        channel.closeFuture.whenComplete { _ in counters.connectionClosed() }
        let peer = channel.remoteAddress?.ipAddress ?? "unknown"
        let pipeline = channel.pipeline.syncOperations
        if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
        try pipeline.addHandler(DeadlineHandler(idleTimeout: shared.configuration.idleTimeout,
                                                requestTimeout: shared.configuration.requestTimeout, counters: counters))
        try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
        try pipeline.addHandler(NIOHTTPRequestDecompressor(limit: .size(shared.configuration.maxBodyBytes)))
        try pipeline.addHandler(RequestHandler(shared: shared, peer: peer))
    }

    /// Connects the receiver to the loop, and starts the once-a-second work: inference
    /// halves that waited too long, and the counts for the loop.
    public func start(sink: ReceiverSink) {
        shared.sink = sink
        let shared = self.shared
        let task = group.next().scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            Self.tick(shared)
        }
        tick.withLock { $0 = task }
    }

    private static func tick(_ shared: ReceiverShared) {
        guard let sink = shared.sink else { return }
        let now = shared.clock()
        if shared.ingest.joinStatistics.waiting > 0, let batch = sink.takeBatch() {
            _ = shared.ingest.expire(now: now, source: joinSource, into: batch)
            if batch.isEmpty { batch.recycle() } else { sink.deliver(batch) }
        }
        let j = shared.ingest.joinStatistics
        sink.report(shared.counters.snapshot(now: now, joins: (j.joined, j.responsesAlone, j.requestsAlone, j.waiting)))
    }

    /// Stops listening and closes every connection.
    public func stop() {
        tick.withLock { $0?.cancel(); $0 = nil }
        shared.sink = nil
        if let channel = channel.withLock({ c -> Channel? in defer { c = nil }; return c }) {
            try? channel.close().wait()
        }
        try? group.syncShutdownGracefully()
    }
}
