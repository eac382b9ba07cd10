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

    /// The bytes its events and feature values take: what whoever applies the batch reads.
    /// - Complexity: O(1).
    @inlinable
    public var decodedBytes: Int {
        events.count * MemoryLayout<Event>.stride + features.count * MemoryLayout<Feature>.stride
    }

    /// The features of `event`.
    @inlinable
    public func features(of event: Event) -> ArraySlice<Feature> {
        features[event.features]
    }

    /// Calls `body` with the batch's events and features as buffers, valid during the call:
    /// reading them costs no reference counting per event (which threads sharing a batch would
    /// contend on).
    @inlinable
    public func withBuffers<R>(_ body: (UnsafeBufferPointer<Event>, UnsafeBufferPointer<Feature>) throws -> R) rethrows -> R {
        try events.withUnsafeBufferPointer { events in
            try features.withUnsafeBufferPointer { features in try body(events, features) }
        }
    }

    /// The features of `event` in `features`, a batch's features from ``withBuffers(_:)``.
    @inlinable
    public static func features(of event: Event, in features: UnsafeBufferPointer<Feature>) -> UnsafeBufferPointer<Feature> {
        UnsafeBufferPointer(rebasing: features[event.features])
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
