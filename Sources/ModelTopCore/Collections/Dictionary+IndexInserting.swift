extension Dictionary {
    /// The position of `key`, inserted with `make()` when absent; nil (nothing inserted) when
    /// `make` returns nil (a cap). A value changed in place through `values[index]` is not moved
    /// out and back as `self[key]?.change()` moves it, and no `default:` autoclosure is
    /// allocated (one that captures is, at every call).
    /// - Complexity: O(1) expected.
    mutating func index(forKey key: Key, inserting make: () -> Value?) -> Index? {
        if let i = index(forKey: key) { return i }
        guard let value = make() else { return nil }
        self[key] = value
        return index(forKey: key)
    }
}
