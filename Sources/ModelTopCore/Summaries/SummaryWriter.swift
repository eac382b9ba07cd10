/// Writes the fields of one summary block (see ``SummaryBlock``): little-endian doubles,
/// LEB128 varints (zigzag for signed), and names as indexes into the block's string table, so
/// each name is written once per block whatever the number of records naming it.
public struct SummaryWriter {
    /// The fields written so far (the block's body, after its string table).
    public private(set) var body: [UInt8] = []
    /// Names in order of first use; index 0 and 1 are reserved (see ``SummaryReader``).
    private(set) var names: [String] = []
    private var nameIndex: [Symbol: Int] = [:]
    let symbols: SymbolTable

    public init(symbols: SymbolTable) {
        self.symbols = symbols
        body.reserveCapacity(4096)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) { body.append(b) }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            body.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        body.append(UInt8(v))
    }

    mutating func count(_ n: Int) { varint(UInt64(n)) }

    /// A signed integer, zigzag encoded.
    mutating func int(_ n: Int) { varint(UInt64(bitPattern: Int64((n << 1) ^ (n >> 63)))) }

    mutating func double(_ x: Double) {
        var bits = x.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { body.append(contentsOf: $0) }
    }

    mutating func doubles(_ xs: [Double]) {
        count(xs.count)
        xs.withUnsafeBytes { raw in
            if UInt64(1).littleEndian == 1 {
                body.append(contentsOf: raw)
            } else {
                for x in xs { double(x) }
            }
        }
    }

    mutating func bool(_ b: Bool) { byte(b ? 1 : 0) }

    mutating func optionalDouble(_ x: Double?) {
        bool(x != nil)
        if let x { double(x) }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            count(utf8.count)
            body.append(contentsOf: utf8)
        }
    }

    /// A name, as an index into the block's string table.
    mutating func symbol(_ symbol: Symbol) {
        switch symbol {
        case .overflow: count(0)
        case SummaryReader.otherCategory: count(1)
        default:
            if let i = nameIndex[symbol] {
                count(i)
            } else {
                let i = names.count + SummaryReader.reservedNames
                names.append(symbols.name(symbol))
                nameIndex[symbol] = i
                count(i)
            }
        }
    }

    mutating func optionalSymbol(_ symbol: Symbol?) {
        bool(symbol != nil)
        if let symbol { self.symbol(symbol) }
    }

    mutating func value(_ value: Value) {
        switch value {
        case .null: byte(0)
        case .bool(let b): byte(b ? 2 : 1)
        case .number(let x):
            byte(3)
            double(x)
        case .string(let s):
            byte(4)
            symbol(s)
        }
    }
}
