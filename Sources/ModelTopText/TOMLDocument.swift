/// A parsed TOML file, limited to the subset modeltop's configuration and theme files use.
///
/// Supported: comments, `[table]` and `[dotted.table]` headers, `[[array]]` tables, bare and quoted keys,
/// basic (`"..."` with escapes) and literal (`'...'`) strings, integers, floats, booleans and
/// one-line arrays of those. Every entry remembers its line so errors can point at it.
public struct TOMLDocument: Sendable {
    /// One `key = value` line.
    public struct Entry: Sendable, Equatable {
        /// The table the key is in (`""` for the top level, `"a.b"` for `[a.b]`).
        public var table: String
        public var key: String
        public var value: TOMLValue
        /// 1-based line number.
        public var line: Int
        /// For a key of an `[[array]]` table: which element (0 for the first header).
        public var element: Int? = nil
    }

    /// Entries in file order.
    public var entries: [Entry]

    /// Parses `text`. `file` names the source in errors.
    public init(parsing text: String, file: String) throws(TOMLError) {
        var parser = Parser(file: file)
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            try parser.parse(line: Substring(rawLine), number: lineNumber)
        }
        entries = parser.entries
    }

    /// The entries of `table`, in file order.
    public func entries(in table: String) -> [Entry] {
        entries.filter { $0.table == table }
    }

    /// Every table that has at least one entry.
    public var tables: [String] {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.table) { seen.append(entry.table) }
        return seen
    }
}

/// A TOML value of the supported subset.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])

    /// A short name of the type, for error messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .array: "array"
        }
    }

    /// The value as written in TOML, for messages.
    public var text: String {
        switch self {
        case .string(let s): "\"\(Sanitizer.sanitize(s, limit: 60))\""
        case .integer(let i): String(i)
        case .float(let x): Format.shortest(x)
        case .bool(let b): b ? "true" : "false"
        case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        }
    }

    /// The number of an integer or float.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .float(let x): x
        default: nil
        }
    }
}

/// An error in a TOML or configuration file, naming the file, the line and, when known, the key.
public struct TOMLError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var key: String?
    public var message: String

    public init(file: String, line: Int, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(Sanitizer.sanitize(file, limit: 200)):\(line)" : Sanitizer.sanitize(file, limit: 200)
        if let key { return "\(place): key '\(Sanitizer.sanitize(key, limit: 60))': \(message)" }
        return "\(place): \(message)"
    }
}

private struct Parser {
    let file: String
    var table = ""
    var element: Int?
    var elements: [String: Int] = [:]
    var entries: [TOMLDocument.Entry] = []
    var seen = Set<String>()

    init(file: String) {
        self.file = file
    }

    mutating func parse(line raw: Substring, number: Int) throws(TOMLError) {
        var scanner = Scanner(text: raw, file: file, line: number)
        scanner.skipSpaces()
        if scanner.atEndOfContent { return }
        if scanner.peek == UInt8(ascii: "[") {
            scanner.advance()
            let isArray = scanner.consume(UInt8(ascii: "["))
            var parts: [String] = []
            repeat {
                scanner.skipSpaces()
                parts.append(try scanner.key())
                scanner.skipSpaces()
            } while scanner.consume(UInt8(ascii: "."))
            try scanner.expect(UInt8(ascii: "]"), "expected ']' to close the table header")
            if isArray { try scanner.expect(UInt8(ascii: "]"), "expected ']]' to close the array table header") }
            try scanner.expectEndOfLine()
            table = parts.joined(separator: ".")
            if isArray {
                element = elements[table, default: 0]
                elements[table, default: 0] += 1
            } else {
                element = nil
            }
            return
        }
        let key = try scanner.key()
        scanner.skipSpaces()
        try scanner.expect(UInt8(ascii: "="), "expected '=' after key '\(key)'")
        scanner.skipSpaces()
        let value: TOMLValue
        do {
            value = try scanner.value()
            try scanner.expectEndOfLine()
        } catch {
            throw TOMLError(file: file, line: number, key: key, message: error.message)
        }
        let full = (table.isEmpty ? "" : table + (element.map { "[\($0)]" } ?? "") + ".") + key
        guard seen.insert(full).inserted else {
            throw TOMLError(file: file, line: number, key: key, message: "defined twice")
        }
        entries.append(.init(table: table, key: key, value: value, line: number, element: element))
    }
}

private struct Scanner {
    let bytes: [UInt8]
    let file: String
    let line: Int
    var position = 0

    init(text: Substring, file: String, line: Int) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        self.bytes = bytes
        self.file = file
        self.line = line
    }

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// True at the end of the line or at a comment.
    var atEndOfContent: Bool { peek == nil || peek == UInt8(ascii: "#") }

    mutating func advance() { position += 1 }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while let b = peek, b == 0x20 || b == 0x09 { position += 1 }
    }

    func error(_ message: String) -> TOMLError {
        TOMLError(file: file, line: line, message: message)
    }

    mutating func expect(_ byte: UInt8, _ message: String) throws(TOMLError) {
        guard consume(byte) else { throw error(message) }
    }

    mutating func expectEndOfLine() throws(TOMLError) {
        skipSpaces()
        guard atEndOfContent else { throw error("unexpected text after the value") }
    }

    mutating func key() throws(TOMLError) -> String {
        if peek == UInt8(ascii: "\"") { return try basicString() }
        if peek == UInt8(ascii: "'") { return try literalString() }
        let start = position
        while let b = peek, isBareKeyByte(b) { position += 1 }
        guard position > start else { throw error("expected a key") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let b = peek else { throw error("expected a value") }
        switch b {
        case UInt8(ascii: "\""): return .string(try basicString())
        case UInt8(ascii: "'"): return .string(try literalString())
        case UInt8(ascii: "["): return try array()
        default: return try bareValue()
        }
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        advance()
        var items: [TOMLValue] = []
        while true {
            skipSpaces()
            if consume(UInt8(ascii: "]")) { return .array(items) }
            items.append(try value())
            skipSpaces()
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"), "expected ',' or ']' in the array (arrays must be on one line)")
            return .array(items)
        }
    }

    private mutating func bareValue() throws(TOMLError) -> TOMLValue {
        let start = position
        while let b = peek, b != 0x20, b != 0x09, b != UInt8(ascii: ","), b != UInt8(ascii: "]"),
            b != UInt8(ascii: "#")
        {
            position += 1
        }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        default: break
        }
        let digits = word.filter { $0 != "_" }
        if let i = Int(digits) { return .integer(i) }
        if let x = Double(digits), digits.contains(where: { "0123456789".contains($0) }) { return .float(x) }
        throw error(word.isEmpty ? "expected a value" : "'\(word)' is not a TOML value (strings need quotes)")
    }

    private mutating func literalString() throws(TOMLError) -> String {
        advance()
        let start = position
        while let b = peek, b != UInt8(ascii: "'") { position += 1 }
        guard consume(UInt8(ascii: "'")) else { throw error("unterminated string") }
        return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
    }

    private mutating func basicString() throws(TOMLError) -> String {
        advance()
        var out: [UInt8] = []
        while let b = peek {
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = peek else { throw error("unterminated escape") }
                position += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = e == UInt8(ascii: "u") ? 4 : 8
                    guard position + width <= bytes.count,
                        let code = UInt32(String(decoding: bytes[position..<(position + width)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw error("bad unicode escape") }
                    position += width
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
                }
            default:
                out.append(b)
            }
        }
        throw error("unterminated string")
    }
}
