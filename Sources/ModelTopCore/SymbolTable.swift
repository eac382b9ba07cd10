import Synchronization

/// The process-wide, thread-safe table of interned strings.
///
/// Decoders on source threads intern through a ``SymbolCache`` and only take the table's lock
/// for strings they have not seen yet; the analytics and the UI read names back.
public final class SymbolTable: Sendable {
    private struct Storage: Sendable {
        var index = ByteStringIndex()
        var names: [String] = []
    }

    private let storage = Mutex(Storage())

    public init() {}

    /// The symbol for `bytes`, added when new. Invalid UTF-8 is kept as bytes; its `name` shows
    /// replacement characters.
    /// - Complexity: O(bytes.count) expected, under a lock.
    public func intern(_ bytes: UnsafeRawBufferPointer) -> Symbol {
        storage.withLock { storage in
            let before = storage.index.count
            let position = storage.index.insert(bytes)
            if position == before {
                storage.names.append(String(decoding: bytes, as: UTF8.self))
            }
            return Symbol(rawValue: UInt32(position))
        }
    }

    /// The symbol for `string`, added when new.
    public func intern(_ string: String) -> Symbol {
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The string of `symbol`.
    public func name(_ symbol: Symbol) -> String {
        storage.withLock { $0.names[Int(symbol.rawValue)] }
    }

    /// The number of symbols.
    public var count: Int {
        storage.withLock { $0.names.count }
    }
}
