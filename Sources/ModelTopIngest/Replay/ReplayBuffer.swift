import ModelTopCore

/// Events a replay has read but not handed over yet, handed over in event time order.
///
/// Files are read merged by time a chunk at a time, so a batch read can hold one file's events
/// of the next minutes before another file's events of this minute. Handed over in read
/// order, the earlier ones waited for the clock to pass the later ones (in the demo, whole
/// minutes of traffic held back, then delivered at once).
struct ReplayBuffer {
    private var held = EventBatch()
    /// The earliest time held (+infinity when empty).
    private(set) var earliest = Double.infinity

    var isEmpty: Bool { held.events.isEmpty }

    /// Holds `batch`'s events, their times shifted by `timeOffset`.
    /// - Complexity: O(events + their features).
    mutating func add(_ batch: EventBatch, timeOffset: Double) {
        held.append(batch, range: 0..<batch.events.count, timeOffset: timeOffset)
        for event in batch.events where event.time + timeOffset < earliest { earliest = event.time + timeOffset }
    }

    /// Moves the events at or before `limit` to `out`, in time order (events at the same time in
    /// the order they were read).
    /// - Complexity: O(h + d log d) for h events held and d moved.
    mutating func take(through limit: Double, into out: inout EventBatch) {
        guard !held.events.isEmpty, earliest <= limit else { return }
        var due: [Int] = []
        var rest = EventBatch()
        for (i, event) in held.events.enumerated() {
            if event.time <= limit {
                due.append(i)
            } else {
                rest.append(held, range: i..<(i + 1))
            }
        }
        due.sort { (held.events[$0].time, $0) < (held.events[$1].time, $1) }
        for i in due { out.append(held, range: i..<(i + 1)) }
        held = rest
        earliest = held.events.lazy.map(\.time).min() ?? .infinity
    }
}
