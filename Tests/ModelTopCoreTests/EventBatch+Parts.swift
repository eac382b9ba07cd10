import ModelTopCore

extension EventBatch {
    /// The batch's events, in order, in batches of `size` (the last may be shorter): a stream
    /// applied a few events at a time, as frames and checks see it.
    func parts(of size: Int) -> [EventBatch] {
        stride(from: 0, to: events.count, by: size).map { start in
            var part = EventBatch()
            for event in events[start..<min(start + size, events.count)] {
                part.append(event, features: Array(features(of: event)))
            }
            return part
        }
    }
}
