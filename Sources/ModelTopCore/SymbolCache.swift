/// A single-threaded front for a ``SymbolTable``: strings seen before resolve without a lock.
public struct SymbolCache {
    public let table: SymbolTable
    private var index = ByteStringIndex()
    private var symbols: [Symbol] = []
    /// Recent short strings by their ``ShortString/mixed`` hash: a direct-mapped cache in front
    /// of `index` for ``symbol(padded:)``.
    @usableFromInline var recentStrings = [ShortString](repeating: ShortString(), count: recentSlots)
    @usableFromInline var recentSymbols = [Symbol?](repeating: nil, count: recentSlots)
    @usableFromInline static let recentSlots = 256

    public init(table: SymbolTable) {
        self.table = table
    }

    /// The symbol of `bytes`.
    /// - Complexity: O(bytes.count) expected; the first time, also one locked table insert.
    @inlinable
    public mutating func symbol(_ bytes: UnsafeRawBufferPointer) -> Symbol {
        if let position = cachedIndex(of: bytes) { return cachedSymbol(at: position) }
        return insertSymbol(bytes)
    }

    /// The symbol of `bytes`, which must be followed by 16 readable bytes. A short string seen
    /// recently resolves by two word comparisons, without hashing it byte by byte.
    /// - Complexity: O(1) for a recent string of up to ``ShortString/capacity`` bytes; else as
    ///   ``symbol(_:)``.
    @inlinable
    public mutating func symbol(padded bytes: UnsafeRawBufferPointer) -> Symbol {
        guard bytes.count <= ShortString.capacity, let base = bytes.baseAddress else { return symbol(bytes) }
        let key = ShortString(padded: base, count: bytes.count)
        let slot = Int(truncatingIfNeeded: key.mixed) & (Self.recentSlots - 1)  // a power of two
        if recentStrings[slot] == key, let symbol = recentSymbols[slot] { return symbol }
        return remember(key, symbol: symbol(bytes), in: slot)
    }

    @usableFromInline
    mutating func remember(_ key: ShortString, symbol: Symbol, in slot: Int) -> Symbol {
        guard symbol != .overflow else { return symbol }
        recentStrings[slot] = key
        recentSymbols[slot] = symbol
        return symbol
    }

    @usableFromInline
    func cachedIndex(of bytes: UnsafeRawBufferPointer) -> Int? {
        index.index(of: bytes)
    }

    @usableFromInline
    func cachedSymbol(at position: Int) -> Symbol {
        symbols[position]
    }

    @usableFromInline
    mutating func insertSymbol(_ bytes: UnsafeRawBufferPointer) -> Symbol {
        let symbol = table.intern(bytes)
        // Strings the full table turned away are not cached either: the cache stays bounded too.
        guard symbol != .overflow else { return symbol }
        index.insert(bytes)
        symbols.append(symbol)
        return symbol
    }
}
