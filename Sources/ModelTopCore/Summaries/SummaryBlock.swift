/// The unit of the pane-summary format (docs/scaling.md#format): `MTPANES` and a format
/// version byte, the payload's length (u32, little endian), then the payload: a string table
/// (every name the records use, once) and the records. A file of summaries is blocks one after
/// another; a Kafka message holds one block.
public enum SummaryBlock {
    public static let formatVersion: UInt8 = 1
    static let magic: [UInt8] = Array("MTPANES".utf8)
    /// Magic, version, length.
    public static let headerSize = 12
    /// Blocks larger than this are refused (a damaged length must not allocate gigabytes).
    public static let maximumSize = 256 << 20

    /// Encodes `records` as one block.
    /// - Complexity: O(bytes).
    public static func encode(_ records: [SummaryRecord], symbols: SymbolTable) -> [UInt8] {
        var w = SummaryWriter(symbols: symbols)
        w.count(records.count)
        for record in records {
            switch record {
            case .worker(let s):
                w.byte(1)
                s.write(to: &w)
            case .model(let s):
                w.byte(2)
                s.write(to: &w)
            case .pane(let f):
                w.byte(3)
                f.write(to: &w)
            }
        }
        var table = SummaryWriter(symbols: symbols)
        table.count(w.names.count)
        for name in w.names { table.string(name) }
        let length = table.body.count + w.body.count
        var block = magic + [formatVersion]
        block.reserveCapacity(headerSize + length)
        for i in 0..<4 { block.append(UInt8(truncatingIfNeeded: UInt32(length) >> (8 * UInt32(i)))) }
        block += table.body
        block += w.body
        return block
    }

    /// The size of the block starting at `offset`, header included; nil when fewer bytes than
    /// its header or its length says are there yet (a follower reads on).
    /// - Throws: ``SummaryFormatError`` when the bytes are not a block.
    public static func size(in bytes: [UInt8], at offset: Int) throws -> Int? {
        let available = bytes.count - offset
        for i in 0..<min(available, magic.count) where bytes[offset + i] != magic[i] { throw SummaryFormatError.notSummaries }
        guard available >= headerSize else { return nil }
        let version = bytes[offset + 7]
        guard version == formatVersion else { throw SummaryFormatError.unsupportedVersion(version) }
        var length = 0
        for i in 0..<4 { length |= Int(bytes[offset + 8 + i]) << (8 * i) }
        guard length <= maximumSize else { throw SummaryFormatError.tooLarge(length) }
        return available >= headerSize + length ? headerSize + length : nil
    }

    /// Decodes the block at `offset` (``size(in:at:)`` said it is all there).
    /// - Parameter classLimit: the most classes outcomes count one by one (this process's).
    public static func decode(_ bytes: [UInt8], at offset: Int = 0, symbols: SymbolTable,
                              classLimit: Int) throws -> [SummaryRecord] {
        guard let size = try size(in: bytes, at: offset) else { throw SummaryFormatError.truncated }
        var r = SummaryReader(bytes: bytes, range: offset + headerSize..<offset + size, symbols: symbols)
        let names = try r.count()
        r.names.reserveCapacity(names)
        for _ in 0..<names { r.names.append(symbols.intern(try r.string())) }
        var records: [SummaryRecord] = []
        for _ in 0..<(try r.count()) {
            switch try r.byte() {
            case 1: records.append(.worker(try WorkerSummary(reading: &r)))
            case 2: records.append(.model(try ModelSummary(reading: &r)))
            case 3: records.append(.pane(try PaneFragment(reading: &r, classLimit: classLimit)))
            case let kind: throw SummaryFormatError.malformed("unknown record kind \(kind)")
            }
        }
        guard r.isAtEnd else { throw SummaryFormatError.malformed("bytes after the last record") }
        return records
    }
}
