/// A JSON document to write (reports, `watch --no-tui` lines). Object keys keep their order.
///
/// Not `indirect`: arrays and objects already hold their items out of line, and an indirect
/// case costs a heap allocation for every number and string of a report.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Written with full precision (shortest text that reads back exactly); NaN and infinities
    /// are written as `null`.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// `.number(x)` or `.null` when `x` is nil.
    public static func number(_ x: Double?) -> JSONValue {
        x.map { .number($0) } ?? .null
    }

    /// `.string(s)` or `.null` when `s` is nil.
    public static func string(_ s: String?) -> JSONValue {
        s.map { .string($0) } ?? .null
    }

    /// The value for `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The document as text: one line, or indented by two spaces per level when `pretty`.
    public func rendered(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x): out += x.isFinite ? JSONValue.numberText(x) : "null"
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            // Arrays of containers take a line per item when pretty; of scalars, one line.
            let nested = pretty && items.contains { $0.isContainer }
            out += "["
            for (i, item) in items.enumerated() {
                Self.writeSeparator(first: i == 0, nested: nested, indent: indent + 2, to: &out)
                item.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            Self.writeClose("]", empty: items.isEmpty, nested: nested, indent: indent, to: &out)
        case .object(let members):
            // Objects take a line per member when pretty.
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                Self.writeSeparator(first: i == 0, nested: pretty, indent: indent + 2, to: &out)
                Self.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            Self.writeClose("}", empty: members.isEmpty, nested: pretty, indent: indent, to: &out)
        }
    }

    /// Before an item: a comma after the first, then a new line indented when `nested`.
    @inline(__always)
    private static func writeSeparator(first: Bool, nested: Bool, indent: Int, to out: inout String) {
        if !first { out += nested ? "," : ", " }
        if nested { writeNewline(indent: indent, to: &out) }
    }

    @inline(__always)
    private static func writeClose(_ close: String, empty: Bool, nested: Bool, indent: Int, to out: inout String) {
        if nested && !empty { writeNewline(indent: indent, to: &out) }
        out += close
    }

    /// New lines with the indentations of the first levels, made once.
    private static let newlines = (0..<32).map { "\n" + String(repeating: " ", count: $0) }

    private static func writeNewline(indent: Int, to out: inout String) {
        out += indent < newlines.count ? newlines[indent] : "\n" + String(repeating: " ", count: indent)
    }

    private static func numberText(_ x: Double) -> String {
        Format.shortest(x)
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings (names, keys) need no escape: appended whole. 0xC2 starts U+0080-U+00BF,
        // where the C1 controls are.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5c && $0 != 0x7f && $0 != 0xc2 }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
