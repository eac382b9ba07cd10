/// Small numbers (a model's position, a feature's slot) by symbol: an array for the symbols
/// interned early (nearly all names), a dictionary for the rest, so a late name does not grow
/// the array to a million entries. Looking up an early symbol hashes nothing.
struct SymbolIndex: Sendable {
    /// The number of each symbol below ``nearSymbols`` (-1: none).
    private var near: [Int32] = []
    private var far: [UInt32: Int32] = [:]
    private static let nearSymbols = 1 << 16

    /// The number of `symbol`, if it has one.
    /// - Complexity: O(1); no hashing for a symbol below 65536.
    @inline(__always)
    subscript(symbol: Symbol) -> Int? {
        let raw = Int(symbol.rawValue)
        if raw < near.count { return near[raw] >= 0 ? Int(near[raw]) : nil }
        if raw < Self.nearSymbols { return nil }
        return far[symbol.rawValue].map(Int.init)
    }

    /// Gives `symbol` the number `value`.
    /// - Complexity: O(1) amortized.
    mutating func set(_ symbol: Symbol, to value: Int) {
        let raw = Int(symbol.rawValue)
        if raw < Self.nearSymbols {
            if raw >= near.count { near += repeatElement(-1, count: raw + 1 - near.count) }
            near[raw] = Int32(value)
        } else {
            far[symbol.rawValue] = Int32(value)
        }
    }
}
