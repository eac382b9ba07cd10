import Foundation

/// A fixed set of batches a source fills in turn: when the consumer falls behind, ``take()``
/// blocks, so a fast source waits instead of queueing without bound (backpressure).
public final class BatchPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [DecodedBatch] = []
    private var closed = false

    /// A pool of `size` batches.
    public init(size: Int = 4) {
        for _ in 0..<size {
            let batch = DecodedBatch()
            batch.pool = self
            free.append(batch)
        }
    }

    /// A free batch; waits for one when all are in flight. Returns nil after ``close()``.
    public func take() -> DecodedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !closed { condition.wait() }
        return closed ? nil : free.removeLast()
    }

    func giveBack(_ batch: DecodedBatch) {
        condition.lock()
        free.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// Wakes and refuses every waiting and later ``take()``.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
