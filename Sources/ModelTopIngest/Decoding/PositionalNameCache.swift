import ModelTopCore

/// The names seen at each position of the previous line: feature names by their position in
/// the features object, or the model and node names.
///
/// Logs write their keys in the same order line after line, and one file mostly holds one
/// model, so a name usually resolves by one length check and two word comparisons, before any
/// hashing.
///
/// Names must be followed by at least 16 readable bytes (simdjson's string buffer is padded),
/// so that a short name is read as two whole words and compared without a loop.
struct PositionalNameCache {
    static let positions = 64
    /// Names up to this long are cached.
    static let width = 32
    private var heads = [ShortString](repeating: ShortString(), count: positions)
    private var tails = [UInt8](repeating: 0, count: positions * (width - ShortString.capacity))
    private var symbols = [Symbol?](repeating: nil, count: positions)

    /// The symbol at `position` if its cached name is `name`.
    @inline(__always)
    func lookup(_ name: UnsafeRawBufferPointer, at position: Int) -> Symbol? {
        guard position < Self.positions, let base = name.baseAddress,
              heads[position] == ShortString(padded: base, count: name.count) else { return nil }
        let tail = ShortString.capacity
        if name.count > tail {
            let equal = tails.withUnsafeBytes { stored in
                ByteStringIndex.equal(stored.baseAddress! + position * (Self.width - tail), base + tail, count: name.count - tail)
            }
            guard equal else { return nil }
        }
        return symbols[position]
    }

    /// The symbol of `name` at `position`, from the cache or else from `symbols` (and cached).
    @inline(__always)
    mutating func symbol(_ name: UnsafeRawBufferPointer, at position: Int, symbols: inout SymbolCache) -> Symbol {
        if let cached = lookup(name, at: position) { return cached }
        let symbol = symbols.symbol(padded: name)
        store(name, symbol: symbol, at: position)
        return symbol
    }

    /// Remembers `name` (when it fits) as the name at `position`.
    mutating func store(_ name: UnsafeRawBufferPointer, symbol: Symbol, at position: Int) {
        guard position < Self.positions, name.count <= Self.width, let base = name.baseAddress else { return }
        heads[position] = ShortString(padded: base, count: name.count)
        let tail = ShortString.capacity
        if name.count > tail {
            tails.withUnsafeMutableBytes { stored in
                (stored.baseAddress! + position * (Self.width - tail)).copyMemory(from: base + tail, byteCount: name.count - tail)
            }
        }
        symbols[position] = symbol
    }
}
