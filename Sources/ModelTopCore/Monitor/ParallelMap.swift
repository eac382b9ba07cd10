import Dispatch

extension Array where Element: Sendable {
    /// `map` with the elements spread over the machine's cores (the order is kept). For
    /// independent, costly work such as sorting a feature's sample, or a model's snapshot.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let slots = UnsafeMutableSendableBuffer(results)
        self.withUnsafeBufferPointer { elements in
            let input = UnsafeSendableBuffer(elements)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.buffer[i] = transform(input.buffer[i])
            }
        }
        return results.map { $0! }
    }
}

/// Buffers handed to `concurrentPerform`, where each iteration touches its own index only.
private struct UnsafeMutableSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
}
