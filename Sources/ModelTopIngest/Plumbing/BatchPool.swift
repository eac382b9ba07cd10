import Foundation

/// A fixed set of batches a source fills in turn: when the consumer falls behind, ``take()``
/// blocks, so a fast source waits instead of queueing without bound (backpressure).
public final class BatchPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [DecodedBatch] = []
    private var closed = false
    private var waiters = 0

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
        waiters += 1
        while free.isEmpty && !closed { condition.wait() }
        waiters -= 1
        return closed ? nil : free.removeLast()
    }

    /// A free batch if there is one now, without waiting (nil when all are in flight or the
    /// pool is closed): for a source that answers "busy" rather than wait (the HTTP receiver).
    public func tryTake() -> DecodedBatch? {
        condition.lock()
        defer { condition.unlock() }
        return closed || free.isEmpty ? nil : free.removeLast()
    }

    /// Threads blocked in ``take()`` now (for tests that wait for a source to block).
    public var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiters
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
