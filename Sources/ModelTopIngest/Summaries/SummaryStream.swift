import ModelTopCore

/// Cuts a byte stream of pane-summary blocks (a `panes:` file, read as it grows) into records:
/// bytes are appended as they come, complete blocks are decoded, a partial one waits.
public struct SummaryStream {
    private var buffer: [UInt8] = []
    private var start = 0
    /// Blocks decoded so far.
    public private(set) var blocks = 0
    let symbols: SymbolTable
    let classLimit: Int

    public init(symbols: SymbolTable, classLimit: Int) {
        self.symbols = symbols
        self.classLimit = classLimit
    }

    /// Bytes of a block still incomplete.
    public var pending: Int { buffer.count - start }

    /// Adds `bytes` and returns the records of the blocks now complete.
    /// - Throws: ``SummaryFormatError`` for bytes that are not blocks (the stream cannot go on:
    ///   nothing tells where the next block starts).
    public mutating func append(_ bytes: some Collection<UInt8>) throws -> [SummaryRecord] {
        buffer += bytes
        var records: [SummaryRecord] = []
        while let size = try SummaryBlock.size(in: buffer, at: start) {
            records += try SummaryBlock.decode(buffer, at: start, symbols: symbols, classLimit: classLimit)
            start += size
            blocks += 1
        }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        return records
    }
}
