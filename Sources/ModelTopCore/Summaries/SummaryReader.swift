/// Reads what a ``SummaryWriter`` wrote, interning names in this process's table. Every count
/// is checked against the bytes left, so a damaged or hostile block is an error, never a huge
/// allocation or a crash.
public struct SummaryReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    /// The block's names, interned.
    var names: [Symbol] = []
    let symbols: SymbolTable

    /// String table indexes with a fixed meaning: 0 "(too many distinct values)", 1 the
    /// category standing for those past the cap.
    static let reservedNames = 2
    static let otherCategory = Symbol(rawValue: .max)

    init(bytes: [UInt8], range: Range<Int>, symbols: SymbolTable) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
        self.symbols = symbols
    }

    var isAtEnd: Bool { position >= end }

    mutating func byte() throws -> UInt8 {
        guard position < end else { throw SummaryFormatError.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw SummaryFormatError.malformed("varint too long") }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A number of things counted (events, values): any size an `Int` holds.
    mutating func number() throws -> Int {
        let n = try varint()
        guard n <= UInt64(Int.max) else { throw SummaryFormatError.malformed("count \(n) too large") }
        return Int(n)
    }

    /// A count of items that follow, taking at least `minimumSize` bytes each: more than the
    /// bytes left is an error.
    mutating func count(minimumSize: Int = 1) throws -> Int {
        let n = try varint()
        guard n <= UInt64(max(0, end - position) / max(minimumSize, 1)) else {
            throw SummaryFormatError.malformed("count \(n) past the end of the block")
        }
        return Int(n)
    }

    mutating func int() throws -> Int {
        let z = try varint()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A double; never NaN (no field holds one; NaN makes comparisons lie, and a NaN sampled
    /// value made the KS merge loop for ever). Infinities pass (an empty window's minimum is
    /// +inf).
    mutating func double() throws -> Double {
        guard end - position >= 8 else { throw SummaryFormatError.truncated }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        let value = Double(bitPattern: bits)
        guard !value.isNaN else { throw SummaryFormatError.malformed("a number that is NaN") }
        return value
    }

    /// A double that must be finite (a worker's clock: an event time).
    mutating func finiteDouble(_ what: String) throws -> Double {
        let value = try double()
        guard value.isFinite else { throw SummaryFormatError.malformed("\(what) of \(value)") }
        return value
    }

    mutating func doubles() throws -> [Double] {
        let n = try count(minimumSize: 8)
        var result = [Double]()
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try double()) }
        return result
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw SummaryFormatError.malformed("bad boolean")
        }
    }

    mutating func optionalFiniteDouble(_ what: String) throws -> Double? {
        try bool() ? try finiteDouble(what) : nil
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { position += n }
        return String(decoding: bytes[position..<position + n], as: UTF8.self)
    }

    mutating func symbol() throws -> Symbol {
        let raw = try varint()
        guard raw < UInt64(names.count + Self.reservedNames) else { throw SummaryFormatError.malformed("name index \(raw) out of range") }
        let i = Int(raw)
        switch i {
        case 0: return .overflow
        case 1: return Self.otherCategory
        default:
            return names[i - Self.reservedNames]
        }
    }

    mutating func optionalSymbol() throws -> Symbol? {
        try bool() ? try symbol() : nil
    }

    mutating func value() throws -> Value {
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .number(try double())
        case 4: return .string(try symbol())
        case let tag: throw SummaryFormatError.malformed("bad value tag \(tag)")
        }
    }
}
