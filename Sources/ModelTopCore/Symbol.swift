/// An interned name or categorical value: model, feature, node, metric and category strings are
/// stored once in a ``SymbolTable`` and passed around as 4-byte symbols.
public struct Symbol: Hashable, Comparable, Sendable {
    /// The index of the string in its table.
    public let rawValue: UInt32

    @inlinable
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Every string met after a ``SymbolTable`` is full.
    public static let overflow = Symbol(rawValue: .max - 1)

    @inlinable
    public static func < (lhs: Symbol, rhs: Symbol) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
