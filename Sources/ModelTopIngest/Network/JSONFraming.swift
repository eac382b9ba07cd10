/// Turns a JSON body into NDJSON for the event decoder: each element of a top-level array, and
/// each top-level value of a body of concatenated values (a pretty-printed object, NDJSON sent
/// as `application/json`), on a line of its own, with the line breaks inside it (outside
/// strings) turned into spaces. What is not JSON stays, a line at a time, to be counted as
/// malformed by the decoder.
public enum JSONFraming {
    /// The lines of `body` (each ending in a newline).
    /// - Complexity: O(body.count), one pass.
    public static func lines(fromJSON body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 16)
        var i = skipWhitespace(body, from: skipByteOrderMark(body))
        if i < body.count, body[i] == UInt8(ascii: "[") {
            i = elements(of: body, from: i + 1, into: &out)
        }
        while true {
            i = skipWhitespace(body, from: i)
            guard i < body.count else { return out }
            i = value(body, from: i, into: &out)
        }
    }

    /// Copies the elements of the array that starts before `start`, a line each; returns the
    /// index after its closing bracket (or the end, when it is never closed).
    private static func elements(of body: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        var i = start
        var depth = 0
        var lineStart = out.count
        func endLine() {
            // An empty element (`[]`, `[1,,2]`) writes nothing.
            while out.count > lineStart, out.last == 0x20 { out.removeLast() }
            if out.count > lineStart { out.append(0x0a) }
            lineStart = out.count
        }
        while i < body.count {
            let byte = body[i]
            switch byte {
            case UInt8(ascii: "\""):
                i = copyString(body, from: i, into: &out)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                out.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {  // the array's own closing bracket
                    endLine()
                    return i + 1
                }
                depth -= 1
                out.append(byte)
            case UInt8(ascii: ",") where depth == 0:
                endLine()
            case 0x20, 0x09, 0x0a, 0x0d:
                if out.count > lineStart { out.append(0x20) }
            default:
                out.append(byte)
            }
            i += 1
        }
        endLine()
        return i
    }

    /// Copies the one value starting at `start` on a line; returns the index after it.
    private static func value(_ body: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        var i = start
        var depth = 0
        let opensContainer = body[start] == UInt8(ascii: "{") || body[start] == UInt8(ascii: "[")
        while i < body.count {
            let byte = body[i]
            if byte == UInt8(ascii: "\"") {
                i = copyString(body, from: i, into: &out)
                continue
            }
            if !opensContainer && (byte == 0x0a || byte == 0x0d) { break }  // a bare token or junk: its line
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            out.append(byte == 0x0a || byte == 0x0d ? 0x20 : byte)
            i += 1
            if opensContainer && depth <= 0 { break }
        }
        out.append(0x0a)
        return i
    }

    /// Copies the string starting at the quote at `start`, escapes and all, with raw line
    /// breaks (invalid in JSON, left for the decoder to reject) turned into spaces; returns the
    /// index after its closing quote (or the end, when it is never closed).
    private static func copyString(_ body: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        out.append(body[start])
        var i = start + 1
        while i < body.count {
            let byte = body[i]
            out.append(byte == 0x0a || byte == 0x0d ? 0x20 : byte)
            i += 1
            if byte == UInt8(ascii: "\\"), i < body.count {
                out.append(body[i])
                i += 1
            } else if byte == UInt8(ascii: "\"") {
                return i
            }
        }
        return i
    }

    private static func skipWhitespace(_ body: [UInt8], from start: Int) -> Int {
        var i = start
        while i < body.count, [0x20, 0x09, 0x0a, 0x0d].contains(body[i]) { i += 1 }
        return i
    }

    private static func skipByteOrderMark(_ body: [UInt8]) -> Int {
        body.starts(with: [0xef, 0xbb, 0xbf]) ? 3 : 0
    }
}
