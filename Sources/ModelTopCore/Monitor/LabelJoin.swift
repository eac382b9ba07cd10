/// Joins predictions with labels that arrive later (or earlier) by model and id, in bounded
/// memory: entries wait at most `ttl` seconds of event time, at most `capacity` of each kind,
/// and are evicted oldest first and counted. What still waits at the end of an input is
/// pending, not evicted (``pendingPredictions``, ``pendingLabels``).
public struct LabelJoin: Sendable {
    /// A prediction waiting for its label.
    public struct Prediction: Sendable {
        public var value: Value
        public var score: Double?
        /// The pane the prediction was made in.
        public var pane: Int
        /// True for predictions that are part of the model's reference.
        public var isReference: Bool
        public var time: Double
        /// The model version that made it (its outcome counts for that version too).
        public var version: Symbol? = nil
    }

    /// A label that came before its prediction.
    struct Label: Sendable {
        var value: Value
        var time: Double
    }

    public let ttl: Double
    public let capacity: Int
    private var predictions = HashSlots<(entry: Prediction, generation: Int)>()
    private var labels = HashSlots<(entry: Label, generation: Int)>()
    private var predictionOrder = FIFO()
    private var labelOrder = FIFO()
    private var generation = 0
    /// Predictions evicted without a label (too old, or over capacity).
    public private(set) var expiredPredictions = 0
    /// Labels that matched no prediction within the bounds.
    public private(set) var unmatchedLabels = 0

    public init(ttl: Double, capacity: Int) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// Predictions waiting.
    public var pendingPredictions: Int { predictions.count }
    /// Labels waiting for their prediction.
    public var pendingLabels: Int { labels.count }

    /// Adds a prediction with an id; returns it with its label when the label came first.
    /// - Complexity: O(1) amortized.
    public mutating func add(_ prediction: Prediction, key: JoinKey, now: Double) -> (Prediction, Value)? {
        expire(now: now)
        if let label = labels.removeValue(forKey: key.rawValue) { return (prediction, label.entry.value) }
        generation += 1
        if predictions.updateValue((prediction, generation), forKey: key.rawValue) != nil { expiredPredictions += 1 }
        predictionOrder.push(key, generation: generation, time: prediction.time)
        while predictions.count > capacity { evictOldestPrediction() }
        if predictionOrder.count > 2 * predictions.count + 1024 {
            predictionOrder.retain { predictions[$0.key.rawValue]?.generation == $0.generation }
        }
        return nil
    }

    /// Adds a label event; returns the prediction it joins, if waiting.
    /// - Complexity: O(1) amortized.
    public mutating func add(label: Value, key: JoinKey, time: Double, now: Double) -> Prediction? {
        expire(now: now)
        if let prediction = predictions.removeValue(forKey: key.rawValue) { return prediction.entry }
        generation += 1
        if labels.updateValue((Label(value: label, time: time), generation), forKey: key.rawValue) != nil { unmatchedLabels += 1 }
        labelOrder.push(key, generation: generation, time: time)
        while labels.count > capacity { evictOldestLabel() }
        if labelOrder.count > 2 * labels.count + 1024 {
            labelOrder.retain { labels[$0.key.rawValue]?.generation == $0.generation }
        }
        return nil
    }

    /// Evicts entries older than `now - ttl`.
    public mutating func expire(now: Double) {
        let limit = now - ttl
        while let head = predictionOrder.head, head.time < limit { evictOldestPrediction() }
        while let head = labelOrder.head, head.time < limit { evictOldestLabel() }
    }

    /// Evicts every entry older than `now - ttl`, wherever it waits (``expire(now:)`` stops at
    /// the first entry in arrival order that is recent enough; files read merged by time arrive
    /// slightly out of order). At the end of a report, so that its counts do not depend on the
    /// order reads interleaved.
    /// - Complexity: O(pending).
    public mutating func expireAll(now: Double) {
        let limit = now - ttl
        for (key, entry) in predictions.entries where entry.entry.time < limit {
            predictions.removeValue(forKey: key)
            expiredPredictions += 1
        }
        for (key, entry) in labels.entries where entry.entry.time < limit {
            labels.removeValue(forKey: key)
            unmatchedLabels += 1
        }
        predictionOrder.retain { predictions[$0.key.rawValue]?.generation == $0.generation }
        labelOrder.retain { labels[$0.key.rawValue]?.generation == $0.generation }
    }

    private mutating func evictOldestPrediction() {
        guard let head = predictionOrder.pop() else { return }
        if predictions[head.key.rawValue]?.generation == head.generation {
            predictions.removeValue(forKey: head.key.rawValue)
            expiredPredictions += 1
        }
    }

    private mutating func evictOldestLabel() {
        guard let head = labelOrder.pop() else { return }
        if labels[head.key.rawValue]?.generation == head.generation {
            labels.removeValue(forKey: head.key.rawValue)
            unmatchedLabels += 1
        }
    }
}

/// Keys in arrival order; entries whose key was joined meanwhile are skipped when popped
/// (their generation no longer matches), and dropped in bulk by `retain` so the queue stays
/// proportional to what is waiting.
private struct FIFO: Sendable {
    private var items: [(key: JoinKey, generation: Int, time: Double)] = []
    private var start = 0

    var count: Int { items.count - start }

    mutating func retain(_ isLive: ((key: JoinKey, generation: Int, time: Double)) -> Bool) {
        items = items[start...].filter(isLive)
        start = 0
    }

    var head: (key: JoinKey, generation: Int, time: Double)? { start < items.count ? items[start] : nil }

    mutating func push(_ key: JoinKey, generation: Int, time: Double) {
        items.append((key, generation, time))
    }

    mutating func pop() -> (key: JoinKey, generation: Int, time: Double)? {
        guard start < items.count else { return nil }
        let item = items[start]
        start += 1
        if start > 1024 && start * 2 > items.count {
            items.removeFirst(start)
            start = 0
        }
        return item
    }
}
