import NIOCore
import NIOHTTP1

/// One POST and its answer at a time on an HTTP client pipeline (``HTTPPoster``): writes the
/// request it is given and completes its promise with the response's status once the response
/// has ended; closes the connection after a response that asks for it; fails what is waiting
/// when the connection closes or errs.
final class PostExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Exchange
    typealias OutboundOut = HTTPClientRequestPart

    /// A request and the promise of its status.
    struct Exchange: Sendable {
        var head: HTTPRequestHead
        var body: ByteBuffer
        var answered: EventLoopPromise<Int>
    }

    /// The request took longer than allowed.
    struct Timeout: Error, CustomStringConvertible {
        var description: String { "no answer in time" }
    }

    /// The server closed the connection before answering.
    struct Closed: Error, CustomStringConvertible {
        var description: String { "the server closed the connection" }
    }

    private var waiting: [EventLoopPromise<Int>] = []
    private var status = 0
    private var closeAfter = false
    /// Why the connection ended (a failed TLS handshake, say), for requests written after.
    private var failure: Error?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard context.channel.isActive, failure == nil else {
            let error = failure ?? Closed()
            exchange.answered.fail(error)
            promise?.fail(error)
            return
        }
        waiting.append(exchange.answered)
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            closeAfter = !head.isKeepAlive
        case .body:
            break
        case .end:
            if !waiting.isEmpty { waiting.removeFirst().succeed(status) }
            if closeAfter { context.close(promise: nil) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(Closed())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failure = failure ?? error
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: Error) {
        let promises = waiting
        waiting = []
        for promise in promises { promise.fail(error) }
    }
}
