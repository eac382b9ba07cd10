import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import ModelTopIngest

/// One connection's requests: routes them, checks the token and the body limit, hands
/// ingest bodies to ``NetworkIngest`` and exports to the loop, and answers.
///
/// Endpoints: `POST /v1/events[/SOURCE]` and `POST /` (events, CloudEvents), `GET /metrics`,
/// `GET /v1/report`, `GET /healthz`.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    fileprivate enum Route {
        case ingest(source: String?)
        case metrics
        case report
        case health
    }

    private enum State {
        case idle
        case receiving(HTTPRequestHead, Route, ByteBuffer)
        /// Answered early (401, 404, 413...): the rest of the request is ignored, then closed.
        case rejected
        case answering
    }

    private let shared: ReceiverShared
    private let peer: String
    private var state = State.idle

    init(shared: ReceiverShared, peer: String) {
        self.shared = shared
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            begin(context, head)
        case .body(var part):
            guard case .receiving(let head, let route, var body) = state else { return }
            if body.readableBytes + part.readableBytes > shared.configuration.maxBodyBytes {
                reject(context, .payloadTooLarge, "body over \(shared.configuration.maxBodyBytes) bytes",
                       source: route.ingestSource(peer: peer))
                return
            }
            state = .answering  // drop the reference while appending, so `body` is not copied
            body.writeBuffer(&part)
            state = .receiving(head, route, body)
        case .end:
            switch state {
            case .receiving(let head, let route, let body):
                state = .answering
                context.triggerUserOutboundEvent(RequestProgress.received, promise: nil)
                answer(context, head, route, body)
            case .rejected:
                context.close(promise: nil)
            default:
                break
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        switch error {
        case NIOHTTPDecompression.DecompressionError.limit:
            reject(context, .payloadTooLarge, "body over \(shared.configuration.maxBodyBytes) bytes after decompression",
                   source: currentSource)
        case is NIOHTTPDecompression.DecompressionError, is NIOHTTPDecompression.ExtraDecompressionError:
            reject(context, .badRequest, "the body is not valid gzip or deflate", source: currentSource)
        case is HTTPParserError:
            // NIO's protocol error handler has answered 400 and closes the connection: count it.
            shared.counters.responded(400, source: currentSource, peer: peer, now: shared.clock())
            context.close(promise: nil)
        default:
            context.close(promise: nil)
        }
    }

    private var currentSource: String? {
        if case .receiving(_, let route, _) = state { return route.ingestSource(peer: peer) }
        return nil
    }

    // MARK: Routing

    private func begin(_ context: ChannelHandlerContext, _ head: HTTPRequestHead) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        let route: Route
        switch path {
        case "/healthz": route = .health
        case "/metrics": route = .metrics
        case "/v1/report": route = .report
        case "/", "/v1/events", "/v1/events/": route = .ingest(source: head.headers.first(name: "x-modeltop-source"))
        case let p where p.hasPrefix("/v1/events/"):
            let name = String(p.dropFirst("/v1/events/".count))
            route = .ingest(source: name.removingPercentEncoding ?? name)
        default:
            state = .receiving(head, .health, context.channel.allocator.buffer(capacity: 0))
            reject(context, .notFound, "no such endpoint (POST /v1/events, GET /metrics, /v1/report, /healthz)", source: nil)
            return
        }
        let source = route.ingestSource(peer: peer)
        state = .receiving(head, route, context.channel.allocator.buffer(capacity: 0))
        let allowed: [HTTPMethod] = if case .ingest = route { [.POST, .HEAD, .GET] } else { [.GET, .HEAD] }
        guard allowed.contains(head.method) else {
            reject(context, .methodNotAllowed, "use \(allowed.map(\.rawValue).joined(separator: " or "))",
                   source: source, extra: [("Allow", allowed.map(\.rawValue).joined(separator: ", "))])
            return
        }
        let open = shared.configuration.metricsWithoutToken && (route.isMetrics || route.isHealth)
        if let token = shared.token, !open, !token.accepts(head.headers.first(name: "authorization")) {
            reject(context, .unauthorized, "a bearer token is required (Authorization: Bearer TOKEN)", source: source,
                   extra: [("WWW-Authenticate", "Bearer")])
            return
        }
        if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > shared.configuration.maxBodyBytes {
            reject(context, .payloadTooLarge, "body of \(length) bytes, over \(shared.configuration.maxBodyBytes)", source: source)
            return
        }
    }

    private func answer(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ route: Route, _ body: ByteBuffer) {
        switch route {
        case .health:
            respond(context, .ok, "ok\n", contentType: "text/plain", head: head)
        case .metrics, .report:
            export(context, head, route)
        case .ingest:
            guard head.method == .POST else {
                respond(context, .ok, "POST events here\n", contentType: "text/plain", head: head)
                return
            }
            ingest(context, head, source: route.ingestSource(peer: peer) ?? peer, body: body)
        }
    }

    private func ingest(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, source: String, body: ByteBuffer) {
        guard let sink = shared.sink else {
            respond(context, .serviceUnavailable, #"{"error":"starting"}"#, contentType: "application/json", head: head,
                    source: source, extra: [("Retry-After", "1")])
            return
        }
        guard let batch = sink.takeBatch() else {
            // Backpressure: every batch waits for the loop. Shippers retry 429 after Retry-After.
            respond(context, .tooManyRequests, #"{"error":"ingest queue full, retry"}"#, contentType: "application/json",
                    head: head, source: source, extra: [("Retry-After", "1")])
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in head.headers { headers[name.lowercased()] = value }
        let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
        let request = NetworkIngest.Request(headers: headers, body: bytes, source: source, arrival: shared.clock())
        let outcome = shared.ingest.ingest(request, into: batch)
        sink.deliver(batch)  // acknowledged only once queued
        respond(context, .ok, #"{"accepted":\#(outcome.accepted),"malformed":\#(outcome.malformed)}"#,
                contentType: "application/json", head: head, source: source, events: outcome.accepted, bytes: bytes.count)
    }

    private func export(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ route: Route) {
        guard let sink = shared.sink else {
            respond(context, .serviceUnavailable, "starting\n", contentType: "text/plain", head: head, extra: [("Retry-After", "1")])
            return
        }
        let promise = context.eventLoop.makePromise(of: String?.self)
        let timeout = context.eventLoop.scheduleTask(in: .nanoseconds(Int64(shared.configuration.exportTimeout * 1e9))) {
            promise.succeed(nil)
        }
        sink.export(route.isMetrics ? .metrics : .report, shared.summary()) { text in promise.succeed(text) }
        promise.futureResult.assumeIsolated().whenSuccess { text in
            timeout.cancel()
            guard let text else {
                self.respond(context, .serviceUnavailable, "the dashboard did not answer in time\n", contentType: "text/plain",
                             head: head, extra: [("Retry-After", "1")])
                return
            }
            let type = route.isMetrics ? "text/plain; version=0.0.4; charset=utf-8" : "application/json"
            self.respond(context, .ok, text, contentType: type, head: head)
        }
    }

    // MARK: Answers

    private func reject(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ message: String, source: String?,
                        extra: [(String, String)] = []) {
        guard case .receiving(let head, _, _) = state else {
            if case .idle = state {
                let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")
                state = .rejected
                respond(context, status, #"{"error":"\#(message)"}"#, contentType: "application/json", head: head, source: source,
                        close: true, extra: extra)
            }
            return
        }
        state = .rejected
        respond(context, status, #"{"error":"\#(message)"}"#, contentType: "application/json", head: head, source: source,
                close: true, extra: extra)
    }

    private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ text: String, contentType: String,
                         head request: HTTPRequestHead, source: String? = nil, events: Int = 0, bytes: Int = 0,
                         close: Bool = false, extra: [(String, String)] = []) {
        shared.counters.responded(Int(status.code), source: source, peer: peer, events: events, bytes: bytes, now: shared.clock())
        let keepAlive = request.isKeepAlive && !close
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(text.utf8.count))] + extra)
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD {
            var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
            buffer.writeString(text)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if case .rejected = state {
            // The rest of the request is not read: close once the answer is out.
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        state = .idle
        context.triggerUserOutboundEvent(RequestProgress.answered, promise: nil)
        if !keepAlive { done.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }
}

fileprivate extension RequestHandler.Route {
    /// The source of an ingest request (its peer when it names none); nil for other routes.
    func ingestSource(peer: String) -> String? {
        guard case .ingest(let source) = self else { return nil }
        return source.flatMap { $0.isEmpty ? nil : $0 } ?? peer
    }

    var isMetrics: Bool {
        if case .metrics = self { return true }
        return false
    }

    var isHealth: Bool {
        if case .health = self { return true }
        return false
    }
}
