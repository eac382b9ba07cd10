/// Counts per category value, in ``HashSlots`` keyed by a 64-bit mix of the value (a
/// collision between two different values would merge their counts; with 64-bit keys and at
/// most ``FeatureWindow/Configuration/maxCategories`` values per window, the chance is below
/// 1 in 10^13).
public struct CategoryCounts: Sendable, Equatable {
    private var slots = HashSlots<(value: Value, count: Int)>()
    public private(set) var total = 0

    public init() {}

    public var count: Int { slots.count }
    public var isEmpty: Bool { slots.count == 0 }

    static func key(_ value: Value) -> UInt64 {
        switch value {
        case .null: 0x6e75_6c6c
        case .bool(let b): b ? 0x7472_7565 : 0x6661_6c73
        case .number(let x): (x == 0 ? 0 : x).bitPattern ^ 0x5bd1_e995_0000_0000
        case .string(let s): UInt64(s.rawValue) | 0x5354_0000_0000_0000
        }
    }

    /// The count of `value`.
    public subscript(value: Value) -> Int {
        slots[Self.key(value)]?.count ?? 0
    }

    public func contains(_ value: Value) -> Bool { slots[Self.key(value)] != nil }

    /// Adds `n` to the count of `value`.
    /// - Complexity: O(1) expected.
    @inline(__always)
    public mutating func add(_ value: Value, _ n: Int = 1) {
        slots.modify(Self.key(value), default: { (value, 0) }) { $0.count += n }
        total += n
    }

    /// Every value with its count.
    public var pairs: [(value: Value, count: Int)] {
        slots.entries.map { $0.value }
    }

    /// As a dictionary (for reports and tests).
    public var dictionary: [Value: Int] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.value, $0.count) })
    }

    public static func == (a: CategoryCounts, b: CategoryCounts) -> Bool {
        a.dictionary == b.dictionary
    }
}
