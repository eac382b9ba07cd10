/// Open addressing over 64-bit keys that are already well mixed hashes (``JoinKey``) or are
/// mixed here, with linear probing and backward-shift deletion: what `Dictionary` does,
/// without hashing each key through SipHash on every access.
public struct HashSlots<Value: Sendable>: Sendable {
    /// A key and, when the slot is used, its value: side by side, so that finding a key reads
    /// one place, where three arrays (used flags, keys, values) read three. A probe past a
    /// large value reads further, so scanning a long cluster (a removal's backward shift) costs
    /// more than in a dense flags array.
    private struct Slot: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(key: 0, value: nil), count: size)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: Mixer.mix(key)) & (slots.count - 1)
    }

    @inline(__always)
    private func isUsed(_ slot: Int) -> Bool {
        slots[slot].value != nil
    }

    @inline(__always)
    private func find(_ key: UInt64) -> (slot: Int, found: Bool) {
        let mask = slots.count - 1
        var slot = home(key)
        while isUsed(slot) {
            if slots[slot].key == key { return (slot, true) }
            slot = (slot + 1) & mask
        }
        return (slot, false)
    }

    /// - Complexity: O(1) expected.
    public subscript(key: UInt64) -> Value? {
        let (slot, found) = find(key)
        return found ? slots[slot].value : nil
    }

    /// Sets `key` to `value`; returns the value it replaces.
    /// - Complexity: O(1) amortized.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: UInt64) -> Value? {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let (slot, found) = find(key)
        if !found { count += 1 }
        let old = slots[slot].value
        slots[slot] = Slot(key: key, value: value)
        return old
    }

    /// Changes the value of `key` in place, inserting `make()` first when absent.
    @inline(__always)
    public mutating func modify<R>(_ key: UInt64, default make: () -> Value, _ body: (inout Value) -> R) -> R {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let (slot, found) = find(key)
        if !found {
            slots[slot] = Slot(key: key, value: make())
            count += 1
        }
        return body(&slots[slot].value!)
    }

    /// Removes `key`; returns its value.
    /// - Complexity: O(1) expected.
    @discardableResult
    public mutating func removeValue(forKey key: UInt64) -> Value? {
        let (slot, found) = find(key)
        guard found else { return nil }
        let old = slots[slot].value
        let mask = slots.count - 1
        // Backward-shift deletion: move later entries of the cluster into the gap.
        var gap = slot
        var next = (gap + 1) & mask
        while isUsed(next) {
            let ideal = home(slots[next].key)
            // Move when the entry's home is not cyclically within (gap, next].
            let movable = gap <= next ? (ideal <= gap || ideal > next) : (ideal <= gap && ideal > next)
            if movable {
                slots[gap] = slots[next]
                gap = next
            }
            next = (next + 1) & mask
        }
        slots[gap].value = nil
        count -= 1
        return old
    }

    public mutating func removeAll() {
        self = HashSlots(capacity: 16)
    }

    /// Calls `body` with each entry in slot order (the order of ``entries``), without building
    /// that array.
    /// - Complexity: O(capacity).
    @inline(__always)
    public func forEach(_ body: (UInt64, Value) -> Void) {
        for slot in slots { if let value = slot.value { body(slot.key, value) } }
    }

    /// The entries, in no particular order.
    public var entries: [(key: UInt64, value: Value)] {
        slots.compactMap { slot in slot.value.map { (slot.key, $0) } }
    }

    /// Doubles the table, moving the entries over in slot order (so the new table is laid out
    /// as inserting `entries` one by one would), without building that array: the keys are
    /// known to be distinct and the new table to have room.
    private mutating func grow() {
        var bigger = HashSlots(capacity: slots.count)
        for slot in slots where slot.value != nil {
            bigger.slots[bigger.find(slot.key).slot] = slot
        }
        bigger.count = count
        self = bigger
    }
}
