extension ModelReference {
    /// A hash of what binning depends on (FNV-1a over feature names, kinds, PSI edges and kept
    /// categories, and the prediction's): equal in two processes that read the same reference
    /// files, whatever order they interned names in.
    /// - Complexity: O(features · (edges + categories)).
    public func fingerprint(symbols: SymbolTable) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        func mix(_ x: UInt64) { mix((0..<8).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) }) }
        func mix(_ reference: FeatureReference) {
            mix(reference.kind == .numeric ? 1 : 2)
            mix(UInt64(reference.edges.count))
            for edge in reference.edges { mix(edge.bitPattern) }
            let kept = reference.categories.keys.map { value -> String in
                switch value {
                case .string(let s): s == FeatureWindow.otherCategory.stringSymbol ? "\u{0}other" : "s" + symbols.name(s)
                case .number(let x): "n\(x.bitPattern)"
                case .bool(let b): "b\(b)"
                case .null: "null"
                }
            }.sorted()
            for k in kept { mix(Array(k.utf8) + [0]) }
        }
        mix(UInt64(predictions))
        mix(usesScore ? 1 : 0)
        for (name, feature) in features.map({ (symbols.name($0.key), $0.value) }).sorted(by: { $0.0 < $1.0 }) {
            mix(Array(name.utf8) + [0])
            mix(feature)
        }
        if let prediction { mix(prediction) }
        return hash == 0 ? 1 : hash
    }
}

extension Value {
    /// The symbol of a string value.
    fileprivate var stringSymbol: Symbol? {
        if case .string(let s) = self { return s }
        return nil
    }
}
