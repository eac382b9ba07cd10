import NIOCore

/// What the request handler tells the deadline handler (an outbound user event).
enum RequestProgress: Sendable {
    /// The whole request arrived: no deadline while it is answered.
    case received
    /// Its response was written: the connection is idle again.
    case answered
}

/// Closes connections that hold a slot without using it, measured on the raw bytes before
/// the HTTP decoder: idle between requests for longer than `idleTimeout`, or a request that
/// takes longer than `requestTimeout` from its first byte to its last (a slowloris client
/// sending a byte every few seconds), which gets a 408 first.
final class DeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private enum State {
        case idle
        case reading
        case answering(bytesWaiting: Bool)
    }

    private let idleTimeout: TimeAmount
    private let requestTimeout: TimeAmount
    private let counters: ReceiverCounters
    private var state = State.idle
    private var timer: Scheduled<Void>?

    init(idleTimeout: Double, requestTimeout: Double, counters: ReceiverCounters) {
        self.idleTimeout = .nanoseconds(Int64(idleTimeout * 1e9))
        self.requestTimeout = .nanoseconds(Int64(requestTimeout * 1e9))
        self.counters = counters
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, after: idleTimeout, slowRequest: false)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .idle:
            state = .reading
            arm(context, after: requestTimeout, slowRequest: true)
        case .answering:
            state = .answering(bytesWaiting: true)  // a pipelined request: timed once this one is answered
        case .reading:
            break
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .received:
            timer?.cancel()
            timer = nil
            state = .answering(bytesWaiting: false)
        case .answered:
            if case .answering(true) = state {
                state = .reading
                arm(context, after: requestTimeout, slowRequest: true)
            } else {
                state = .idle
                arm(context, after: idleTimeout, slowRequest: false)
            }
        }
        promise?.succeed(())
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount, slowRequest: Bool) {
        timer?.cancel()
        let counters = self.counters
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            counters.connectionTimedOut()
            if slowRequest {
                // Mid-request, no response has started: a complete 408 can be written raw.
                var buffer = context.channel.allocator.buffer(capacity: 96)
                buffer.writeString("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                counters.responded(408, source: nil, peer: "", now: 0)
                context.writeAndFlush(NIOAny(IOData.byteBuffer(buffer))).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
        }
    }
}
