/// Counts per category value, keyed by a 64-bit mix of the value: a short array searched
/// linearly while there are few categories (the usual case, and the fastest), open addressing
/// (``HashSlots``) beyond. Two different values colliding on 64 bits would merge their counts;
/// with at most ``FeatureWindow/Configuration/maxCategories`` values per window the chance is
/// below 1 in 10^13.
public struct CategoryCounts: Sendable, Equatable {
    /// Categories kept in the arrays before switching to hashing.
    static let linearLimit = 16
    private var keys: [UInt64] = []
    private var values: [Value] = []
    private var counts: [Int] = []
    private var slots: HashSlots<(value: Value, count: Int)>?
    public private(set) var total = 0

    public init() {}

    public var count: Int { slots?.count ?? keys.count }
    public var isEmpty: Bool { count == 0 }

    /// The key a value is counted under: bools, numbers (`-0` as `0`) and strings (by symbol)
    /// apart.
    @inline(__always)
    public static func key(_ value: Value) -> UInt64 {
        switch value {
        case .null: 0x6e75_6c6c
        case .bool(let b): b ? 0x7472_7565 : 0x6661_6c73
        case .number(let x): (x == 0 ? 0 : x).bitPattern ^ 0x5bd1_e995_0000_0000
        case .string(let s): UInt64(s.rawValue) | 0x5354_0000_0000_0000
        }
    }

    /// The count of `value`.
    public subscript(value: Value) -> Int {
        let k = Self.key(value)
        if let slots { return slots[k]?.count ?? 0 }
        return keys.firstIndex(of: k).map { counts[$0] } ?? 0
    }

    public func contains(_ value: Value) -> Bool {
        let k = Self.key(value)
        if let slots { return slots[k] != nil }
        return keys.contains(k)
    }

    /// Adds `n` to the count of `value`.
    /// - Complexity: O(1) expected (a scan of at most 16 keys, or a hash probe).
    @inline(__always)
    public mutating func add(_ value: Value, _ n: Int = 1) {
        total += n
        let k = Self.key(value)
        if slots == nil {
            if let i = Self.index(of: k, in: keys) {
                counts[i] += n
                return
            }
            if keys.count < Self.linearLimit {
                keys.append(k)
                values.append(value)
                counts.append(n)
                return
            }
            var table = HashSlots<(value: Value, count: Int)>(capacity: 64)
            for i in keys.indices { table.updateValue((values[i], counts[i]), forKey: keys[i]) }
            slots = table
            keys = []
            values = []
            counts = []
        }
        slots!.modify(k, default: { (value, 0) }) { $0.count += n }
    }

    /// The index of `key` in `keys` (at most ``linearLimit``), by comparing every key: the
    /// position of a random category's key is not predictable, so an early exit mispredicts.
    @inline(__always)
    private static func index(of key: UInt64, in keys: [UInt64]) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            var found = -1
            for i in keys.indices where keys[i] == key { found = i }
            return found < 0 ? nil : found
        }
    }

    /// Calls `body` with each category and its count, in the order of ``pairs``, without
    /// building that array.
    @inline(__always)
    public func forEach(_ body: (Value, Int) -> Void) {
        if let slots {
            slots.forEach { _, entry in body(entry.value, entry.count) }
        } else {
            for i in values.indices { body(values[i], counts[i]) }
        }
    }

    /// Every value with its count.
    public var pairs: [(value: Value, count: Int)] {
        if let slots { return slots.entries.map { $0.value } }
        return values.indices.map { (values[$0], counts[$0]) }
    }

    /// As a dictionary (for reports and tests).
    public var dictionary: [Value: Int] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.value, $0.count) })
    }

    public static func == (a: CategoryCounts, b: CategoryCounts) -> Bool {
        a.dictionary == b.dictionary
    }
}
