/// A single-threaded front for a ``SymbolTable``: strings seen before resolve without a lock.
public struct SymbolCache {
    public let table: SymbolTable
    private var index = ByteStringIndex()
    private var symbols: [Symbol] = []

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
