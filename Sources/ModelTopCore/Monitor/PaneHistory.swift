/// The newest `capacity` panes of event time, in a ring: older panes fall out as time advances.
///
/// Storage grows with the panes actually made (a model seen for ten minutes of a week-long
/// history holds ten panes), up to `capacity`.
public struct PaneHistory<Pane>: Sendable where Pane: Sendable {
    public let capacity: Int
    /// The pane number held in each slot (`Int.min` for none), apart from the panes so that
    /// checking a slot never copies its pane.
    @usableFromInline private(set) var numbers: [Int] = []
    @usableFromInline private(set) var slots: [Pane?] = []
    /// Slots count from the first pane ever made, so they fill from 0 as time goes on.
    @usableFromInline private(set) var origin: Int?
    /// The newest pane number seen.
    public private(set) var newest: Int?

    public init(capacity: Int) {
        precondition(capacity > 0, "a history needs at least one pane")
        self.capacity = capacity
    }

    /// The oldest pane number still kept.
    public var oldest: Int? { newest.map { $0 - capacity + 1 } }

    @inlinable @inline(__always)
    func slot(_ index: Int) -> Int {
        let r = (index &- (origin ?? index)) % capacity
        return r < 0 ? r + capacity : r
    }

    /// Runs `body` on pane `index`, made with `create` when new. Returns nil (and does nothing)
    /// when the pane is older than the history keeps.
    /// - Complexity: O(1) amortized, plus `create`.
    @discardableResult
    public mutating func withPane<R>(_ index: Int, create: () -> Pane, _ body: (inout Pane) -> R) -> R? {
        if let newest {
            if index <= newest - capacity { return nil }
            if index > newest { self.newest = index }
        } else {
            newest = index
            origin = index
        }
        let s = slot(index)
        if s >= numbers.count {
            let grown = min(capacity, max(s + 1, numbers.count * 2))
            numbers += Array(repeating: .min, count: grown - numbers.count)
            slots += Array(repeating: nil, count: grown - slots.count)
        }
        if numbers[s] != index {
            numbers[s] = index
            slots[s] = create()
        }
        return body(&slots[s]!)
    }

    /// Runs `body` on pane `index` if it is kept; nil otherwise.
    @discardableResult
    public mutating func withExistingPane<R>(_ index: Int, _ body: (inout Pane) -> R) -> R? {
        let s = slot(index)
        guard s < numbers.count, numbers[s] == index else { return nil }
        return body(&slots[s]!)
    }

    /// Runs `body` on pane `index` if it is kept (nil otherwise), in place: ``pane(_:)`` copies
    /// the pane, a retain of each of its arrays and tables. Inlinable, so that a caller in
    /// another module gets it specialized with its closure (an opaque closure gets a copy).
    @inlinable @discardableResult
    public func reading<R>(_ index: Int, _ body: (borrowing Pane) -> R) -> R? {
        let s = slot(index)
        guard s < numbers.count, numbers[s] == index, let pane = slots[s] else { return nil }
        return body(pane)
    }

    /// Calls `body` with each kept pane numbered in `range`, oldest first, in place.
    @inlinable
    public func forEachPane(in range: ClosedRange<Int>, _ body: (Int, borrowing Pane) -> Void) {
        guard let newest else { return }
        let low = max(range.lowerBound, newest - capacity + 1), high = min(range.upperBound, newest)
        guard low <= high else { return }
        for i in low...high { reading(i) { body(i, $0) } }
    }

    /// Pane `index`, if kept (a copy: ``reading(_:_:)`` reads it in place).
    public func pane(_ index: Int) -> Pane? {
        reading(index) { copy $0 }
    }
}
