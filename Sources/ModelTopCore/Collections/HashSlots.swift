/// Open addressing over 64-bit keys that are already well mixed hashes (``JoinKey``) or are
/// mixed here, with linear probing and backward-shift deletion: what `Dictionary` does,
/// without hashing each key through SipHash on every access.
public struct HashSlots<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var used: [Bool]
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        used = Array(repeating: false, count: size)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: Mixer.mix(key)) & (keys.count - 1)
    }

    @inline(__always)
    private func find(_ key: UInt64) -> (slot: Int, found: Bool) {
        let mask = keys.count - 1
        var slot = home(key)
        while used[slot] {
            if keys[slot] == key { return (slot, true) }
            slot = (slot + 1) & mask
        }
        return (slot, false)
    }

    /// - Complexity: O(1) expected.
    public subscript(key: UInt64) -> Value? {
        let (slot, found) = find(key)
        return found ? values[slot] : nil
    }

    /// Sets `key` to `value`; returns the value it replaces.
    /// - Complexity: O(1) amortized.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: UInt64) -> Value? {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let (slot, found) = find(key)
        let old = found ? values[slot] : nil
        if !found {
            used[slot] = true
            keys[slot] = key
            count += 1
        }
        values[slot] = value
        return old
    }

    /// Changes the value of `key` in place, inserting `make()` first when absent.
    @inline(__always)
    public mutating func modify<R>(_ key: UInt64, default make: () -> Value, _ body: (inout Value) -> R) -> R {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let (slot, found) = find(key)
        if !found {
            used[slot] = true
            keys[slot] = key
            values[slot] = make()
            count += 1
        }
        return body(&values[slot]!)
    }

    /// Removes `key`; returns its value.
    /// - Complexity: O(1) expected.
    @discardableResult
    public mutating func removeValue(forKey key: UInt64) -> Value? {
        let (slot, found) = find(key)
        guard found else { return nil }
        let old = values[slot]
        let mask = keys.count - 1
        // Backward-shift deletion: move later entries of the cluster into the gap.
        var gap = slot
        var next = (gap + 1) & mask
        while used[next] {
            let ideal = home(keys[next])
            // Move when the entry's home is not cyclically within (gap, next].
            let movable = gap <= next ? (ideal <= gap || ideal > next) : (ideal <= gap && ideal > next)
            if movable {
                keys[gap] = keys[next]
                values[gap] = values[next]
                gap = next
            }
            next = (next + 1) & mask
        }
        used[gap] = false
        values[gap] = nil
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
        for i in used.indices where used[i] { body(keys[i], values[i]!) }
    }

    /// The entries, in no particular order.
    public var entries: [(key: UInt64, value: Value)] {
        keys.indices.compactMap { used[$0] ? (keys[$0], values[$0]!) : nil }
    }

    /// Doubles the table, moving the entries over in slot order (so the new table is laid out
    /// as inserting `entries` one by one would), without building that array: the keys are
    /// known to be distinct and the new table to have room.
    private mutating func grow() {
        var bigger = HashSlots(capacity: keys.count)
        for i in keys.indices where used[i] {
            let (slot, _) = bigger.find(keys[i])
            bigger.used[slot] = true
            bigger.keys[slot] = keys[i]
            bigger.values[slot] = values[i]
        }
        bigger.count = count
        self = bigger
    }
}
