/// A map for a handful of keys (a model's nodes, versions, metrics): an array searched
/// linearly while there are few keys (faster than hashing), indexed by ``HashSlots`` past 16,
/// so a flood of keys costs O(1) per access, not O(count).
public struct SmallMap<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public private(set) var keys: [Key] = []
    public internal(set) var values: [Value] = []
    /// Position by key hash, once there are more than ``linearLimit`` keys.
    private var index: HashSlots<[Int]>?
    static var linearLimit: Int { 16 }

    public init() {}

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    private static func hash(_ key: Key) -> UInt64 {
        UInt64(bitPattern: Int64(key.hashValue))
    }

    /// The position of `key`.
    /// - Complexity: O(1) expected.
    @inlinable
    public func index(of key: Key) -> Int? {
        lookup(key)
    }

    @usableFromInline
    func lookup(_ key: Key) -> Int? {
        if let index {
            return index[Self.hash(key)]?.first { keys[$0] == key }
        }
        return keys.firstIndex(of: key)
    }

    private mutating func append(_ key: Key, _ value: Value) -> Int {
        keys.append(key)
        values.append(value)
        let position = keys.count - 1
        if index != nil {
            index!.modify(Self.hash(key), default: { [] }) { $0.append(position) }
        } else if keys.count > Self.linearLimit {
            var built = HashSlots<[Int]>(capacity: keys.count * 2)
            for (i, k) in keys.enumerated() { built.modify(Self.hash(k), default: { [] }) { $0.append(i) } }
            index = built
        }
        return position
    }

    /// The position of `key` in ``values``, inserted with `make()` when absent. Per-event code
    /// uses this rather than the `default:` subscript, whose autoclosure is allocated on the
    /// heap when it captures a value (two allocations an event, measured).
    /// - Complexity: O(1) expected.
    @inline(__always)
    public mutating func index(of key: Key, inserting make: () -> Value) -> Int {
        lookup(key) ?? append(key, make())
    }

    public subscript(key: Key) -> Value? {
        lookup(key).map { values[$0] }
    }

    /// The value of `key`, created with `make` when absent, changed in place.
    public subscript(key: Key, default make: @autoclosure () -> Value) -> Value {
        get { lookup(key).map { values[$0] } ?? make() }
        _modify {
            let i = lookup(key) ?? append(key, make())
            yield &values[i]
        }
    }

    /// Key-value pairs in insertion order.
    public var pairs: [(key: Key, value: Value)] {
        zip(keys, values).map { ($0, $1) }
    }
}
