/// Events decoded together, with their features stored flat.
///
/// A batch is reused: ``removeAll()`` keeps the arrays' capacity, so a steady stream decodes
/// without allocating.
public struct EventBatch: Sendable {
    /// One feature of one event.
    public struct Feature: Sendable, Equatable {
        public var name: Symbol
        public var value: Value

        public init(name: Symbol, value: Value) {
            self.name = name
            self.value = value
        }
    }

    public var events: [Event] = []
    public var features: [Feature] = []

    public init() {}

    /// The features of `event`.
    @inlinable
    public func features(of event: Event) -> ArraySlice<Feature> {
        features[event.features]
    }

    /// Appends an event with the given features.
    public mutating func append(_ event: Event, features newFeatures: [Feature] = []) {
        var event = event
        let start = features.count
        features.append(contentsOf: newFeatures)
        event.features = start..<features.count
        events.append(event)
    }

    /// Empties the batch, keeping its capacity.
    public mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        features.removeAll(keepingCapacity: true)
    }
}

extension EventBatch {
    /// Appends `source.events[range]` with their features, every event time shifted by
    /// `timeOffset` (a replay's loops).
    /// - Complexity: O(events + their features).
    public mutating func append(_ source: EventBatch, range: Range<Int>, timeOffset: Double = 0) {
        for var event in source.events[range] {
            let start = features.count
            features.append(contentsOf: source.features[event.features])
            event.features = start..<features.count
            event.time += timeOffset
            events.append(event)
        }
    }
}
