import Synchronization

/// The process-wide, thread-safe table of interned strings.
///
/// Decoders on source threads intern through a ``SymbolCache`` and only take the table's lock
/// for strings they have not seen yet; the analytics and the UI read names back.
///
/// Memory stays bounded whatever the logs hold: past `limit` distinct strings (a feature with
/// a new value on every line, free text as a prediction), new strings all become
/// ``Symbol/overflow``, shown as "(too many distinct values)".
public final class SymbolTable: Sendable {
    private struct Storage: Sendable {
        var index = ByteStringIndex()
        var names: [String] = []
    }

    private let storage = Mutex(Storage())
    /// Distinct strings kept.
    public let limit: Int

    public init(limit: Int = 1 << 20) {
        self.limit = limit
    }

    /// The symbol for `bytes`, added when new. Invalid UTF-8 is kept as bytes; its `name` shows
    /// replacement characters.
    /// - Complexity: O(bytes.count) expected, under a lock.
    public func intern(_ bytes: UnsafeRawBufferPointer) -> Symbol {
        storage.withLock { storage in
            if let known = storage.index.index(of: bytes) { return Symbol(rawValue: UInt32(known)) }
            guard storage.names.count < limit else { return .overflow }
            let position = storage.index.insert(bytes)
            storage.names.append(String(decoding: bytes, as: UTF8.self))
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
        if symbol == .overflow { return "(too many distinct values)" }
        return storage.withLock { $0.names[Int(symbol.rawValue)] }
    }

    /// The number of symbols.
    public var count: Int {
        storage.withLock { $0.names.count }
    }
}
