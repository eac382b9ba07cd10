import ModelTopSystem
import Foundation

/// The one queue the consumer (the loop that owns the state) reads: decoded batches from the
/// sources, and control messages (keys, signals, resize) that go ahead of batches.
///
/// Sending never blocks; batches are bounded by their sources' ``BatchPool``s, and control
/// messages are few.
public final class Mailbox<Control: Sendable>: @unchecked Sendable {
    /// What ``receive(until:)`` returns.
    public enum Message {
        case control(Control)
        case batch(DecodedBatch)
    }

    private let condition = NSCondition()
    private var controls: [Control] = []
    private var batches: [DecodedBatch] = []
    private var batchHead = 0
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1

    public init() {}

    deinit {
        if wakeRead >= 0 {
            close(wakeRead)
            close(wakeWrite)
        }
    }

    /// A descriptor that becomes readable when a message arrives, for a loop that also waits
    /// for other descriptors with `poll` (the dashboard waits for keys and messages at once).
    /// Call ``drainWake()`` after it fired.
    public func wakeDescriptor() -> Int32 {
        condition.lock()
        defer { condition.unlock() }
        if wakeRead < 0 {
            var fds: [Int32] = [0, 0]
            do throws(SystemError) {
                try SystemCall.run("pipe") { pipe(&fds) }
                for fd in fds {
                    let flags = try SystemCall.run("fcntl") { fcntl(fd, F_GETFL) }
                    try SystemCall.run("fcntl") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
                    try SystemCall.run("fcntl") { fcntl(fd, F_SETFD, FD_CLOEXEC) }
                }
                wakeRead = fds[0]
                wakeWrite = fds[1]
            } catch {
                // Without a pipe the consumer is not woken by messages; it still sees them
                // when its poll times out. Rare enough (out of descriptors) to accept.
                failure = error
            }
        }
        return wakeRead
    }

    /// Why ``wakeDescriptor()`` has none (-1), if it failed.
    public private(set) var failure: SystemError?

    /// Empties the wake descriptor.
    public func drainWake() {
        var bytes = [UInt8](repeating: 0, count: 256)
        guard wakeRead >= 0 else { return }
        let descriptor = wakeRead
        while let n = try? SystemCall.nonBlocking("read", nil, { read(descriptor, &bytes, bytes.count) }), n > 0 {}
    }

    private func wake() {
        if wakeWrite >= 0 {
            var byte: UInt8 = 1
            // A full pipe (EAGAIN) already wakes the reader.
            _ = try? SystemCall.nonBlocking("write") { write(wakeWrite, &byte, 1) }
        }
    }

    /// Queues a batch for the consumer.
    public func send(_ batch: DecodedBatch) {
        condition.lock()
        batches.append(batch)
        condition.signal()
        condition.unlock()
        wake()
    }

    /// Queues a control message; it is received before any queued batch.
    public func send(control: Control) {
        condition.lock()
        controls.append(control)
        condition.signal()
        condition.unlock()
        wake()
    }

    /// The next message if one is waiting, without waiting.
    public func poll() -> Message? {
        receive(until: 0)
    }

    /// The next message, waiting until `deadline` (seconds since the epoch, wall clock); nil when
    /// the deadline passed with nothing to receive.
    public func receive(until deadline: Double) -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if !controls.isEmpty { return .control(controls.removeFirst()) }
            if batchHead < batches.count {
                let batch = batches[batchHead]
                batchHead += 1
                batch.queuedBehind = batches.count - batchHead
                if batchHead == batches.count {
                    batches.removeAll(keepingCapacity: true)
                    batchHead = 0
                }
                return .batch(batch)
            }
            let now = Date().timeIntervalSince1970
            if now >= deadline { return nil }
            _ = condition.wait(until: Date(timeIntervalSince1970: min(deadline, now + 86_400)))
        }
    }

    /// Messages waiting.
    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return controls.count + batches.count - batchHead
    }
}
