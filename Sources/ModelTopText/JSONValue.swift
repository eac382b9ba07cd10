/// A JSON document to write (reports, `watch --no-tui` lines). Object keys keep their order.
public indirect enum JSONValue: Sendable, Equatable {
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
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &out, pretty: pretty, indent: indent)
        case .object(let members):
            writeContainer(members.map { (Optional($0.0), $0.1) }, open: "{", close: "}", to: &out, pretty: pretty,
                           indent: indent)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSONValue)], open: String, close: String, to out: inout String, pretty: Bool, indent: Int
    ) {
        out += open
        if items.isEmpty {
            out += close
            return
        }
        // Objects, and arrays holding containers, take a line per item when pretty.
        let nested = pretty && (items.first?.0 != nil || items.contains { $0.1.isContainer })
        for (i, (key, value)) in items.enumerated() {
            if i > 0 { out += nested ? "," : ", " }
            if nested { out += "\n" + String(repeating: " ", count: indent + 2) }
            if let key {
                JSONValue.writeString(key, to: &out)
                out += pretty || !nested ? ": " : ":"
            }
            value.write(to: &out, pretty: pretty, indent: indent + 2)
        }
        if nested { out += "\n" + String(repeating: " ", count: indent) }
        out += close
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
