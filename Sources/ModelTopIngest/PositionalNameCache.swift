import ModelTopCore

/// The names seen at each position of the previous line: feature names by their position in
/// the features object, or the model and node names.
///
/// Logs write their keys in the same order line after line, and one file mostly holds one
/// model, so a name usually resolves by one length check and one short comparison, before any
/// hashing.
struct PositionalNameCache {
    static let positions = 64
    static let width = 32
    private var bytes = [UInt8](repeating: 0, count: positions * width)
    private var lengths = [Int](repeating: -1, count: positions)
    private var symbols = [Symbol](repeating: Symbol(rawValue: 0), count: positions)

    /// The symbol at `position` if its cached name is `name`.
    @inline(__always)
    func lookup(_ name: UnsafeRawBufferPointer, at position: Int) -> Symbol? {
        guard position < Self.positions, lengths[position] == name.count, let base = name.baseAddress else { return nil }
        let equal = bytes.withUnsafeBytes { stored in
            ByteStringIndex.equal(stored.baseAddress! + position * Self.width, base, count: name.count)
        }
        return equal ? symbols[position] : nil
    }

    /// The symbol of `name` at `position`, from the cache or else from `symbols` (and cached).
    @inline(__always)
    mutating func symbol(_ name: UnsafeRawBufferPointer, at position: Int, symbols: inout SymbolCache) -> Symbol {
        if let cached = lookup(name, at: position) { return cached }
        let symbol = symbols.symbol(name)
        store(name, symbol: symbol, at: position)
        return symbol
    }

    /// Remembers `name` (when it fits) as the name at `position`.
    mutating func store(_ name: UnsafeRawBufferPointer, symbol: Symbol, at position: Int) {
        guard position < Self.positions, name.count <= Self.width, let base = name.baseAddress else { return }
        bytes.withUnsafeMutableBytes { stored in
            (stored.baseAddress! + position * Self.width).copyMemory(from: base, byteCount: name.count)
        }
        lengths[position] = name.count
        symbols[position] = symbol
    }
}
