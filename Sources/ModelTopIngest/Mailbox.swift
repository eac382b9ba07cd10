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

    public init() {}

    /// Queues a batch for the consumer.
    public func send(_ batch: DecodedBatch) {
        condition.lock()
        batches.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// Queues a control message; it is received before any queued batch.
    public func send(control: Control) {
        condition.lock()
        controls.append(control)
        condition.signal()
        condition.unlock()
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
