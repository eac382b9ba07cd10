/// The newest `capacity` panes of event time, in a ring: older panes fall out as time advances.
public struct PaneHistory<Pane>: Sendable where Pane: Sendable {
    public let capacity: Int
    /// The pane number held in each slot (`Int.min` for none), apart from the panes so that
    /// checking a slot never copies its pane.
    private var numbers: [Int]
    private var slots: [Pane?]
    /// The newest pane number seen.
    public private(set) var newest: Int?

    public init(capacity: Int) {
        precondition(capacity > 0, "a history needs at least one pane")
        self.capacity = capacity
        numbers = Array(repeating: .min, count: capacity)
        slots = Array(repeating: nil, count: capacity)
    }

    /// The oldest pane number still kept.
    public var oldest: Int? { newest.map { $0 - capacity + 1 } }

    @inline(__always)
    private func slot(_ index: Int) -> Int {
        let r = index % capacity
        return r < 0 ? r + capacity : r
    }

    /// Runs `body` on pane `index`, made with `create` when new. Returns nil (and does nothing)
    /// when the pane is older than the history keeps.
    /// - Complexity: O(1), plus `create`.
    @discardableResult
    public mutating func withPane<R>(_ index: Int, create: () -> Pane, _ body: (inout Pane) -> R) -> R? {
        if let newest {
            if index <= newest - capacity { return nil }
            if index > newest { self.newest = index }
        } else {
            newest = index
        }
        let s = slot(index)
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
        guard numbers[s] == index else { return nil }
        return body(&slots[s]!)
    }

    /// Pane `index`, if kept.
    public func pane(_ index: Int) -> Pane? {
        let s = slot(index)
        return numbers[s] == index ? slots[s] : nil
    }

    /// The kept panes with numbers in `range`, oldest first.
    public func panes(in range: ClosedRange<Int>) -> [(index: Int, pane: Pane)] {
        guard let newest else { return [] }
        let low = max(range.lowerBound, newest - capacity + 1), high = min(range.upperBound, newest)
        guard low <= high else { return [] }
        return (low...high).compactMap { i in pane(i).map { (i, $0) } }
    }
}
