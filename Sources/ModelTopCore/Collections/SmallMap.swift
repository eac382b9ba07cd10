/// A map for a handful of keys (a model's nodes, versions, metrics): an array searched
/// linearly, which beats hashing when there are few entries.
/// - Complexity: O(count) per access.
public struct SmallMap<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    public private(set) var keys: [Key] = []
    public private(set) var values: [Value] = []

    public init() {}

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    @inlinable
    public func index(of key: Key) -> Int? {
        keys.firstIndex(of: key)
    }

    public subscript(key: Key) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// The value of `key`, created with `make` when absent, changed in place.
    public subscript(key: Key, default make: @autoclosure () -> Value) -> Value {
        get { index(of: key).map { values[$0] } ?? make() }
        _modify {
            let i: Int
            if let found = index(of: key) {
                i = found
            } else {
                keys.append(key)
                values.append(make())
                i = keys.count - 1
            }
            yield &values[i]
        }
    }

    /// Key-value pairs in insertion order.
    public var pairs: [(key: Key, value: Value)] {
        zip(keys, values).map { ($0, $1) }
    }
}
