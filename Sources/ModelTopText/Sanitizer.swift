/// Makes text from logs safe to show in a terminal.
public enum Sanitizer {
    /// `bytes` as text with escape sequences removed and other control characters replaced.
    ///
    /// Invalid UTF-8 becomes U+FFFD. ESC sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ST`,
    /// and two-byte `ESC x`) are dropped whole; C0 and C1 controls and DEL become `·` (tab: a
    /// space); zero-width, bidirectional and byte-order marks (U+FEFF) are dropped. At most
    /// `limit` characters (graphemes: a flag or an emoji sequence is one) are kept; a cut is
    /// marked with `…`, never inside a grapheme.
    /// - Complexity: O(min(bytes.count, limit)) scalars are examined (at most 8 per kept
    ///   character), so a long line costs no more than its kept start.
    public static func sanitize(_ bytes: UnsafeRawBufferPointer, limit: Int = .max) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// `text` with escape sequences removed and control characters replaced (see above).
    public static func sanitize(_ text: String, limit: Int = .max) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        // Scalars examined before stopping: enough for `limit` graphemes of up to 8 scalars,
        // and one more grapheme to tell whether anything was cut.
        let budget = limit >= Int.max / 8 - 16 ? Int.max : limit * 8 + 16
        var scalars = text.unicodeScalars.makeIterator()
        var exhausted = true
        while let scalar = scalars.next() {
            if count >= budget {
                exhausted = false
                break
            }
            switch scalar.value {
            case 0x1b:
                skipEscape(&scalars)
            case 0x09:
                out.append(" ")
                count += 1
            case 0x00..<0x20, 0x7f..<0xa0:
                out.append("·")
                count += 1
            case 0x200b...0x200f, 0x202a...0x202e, 0x2066...0x2069, 0xfeff:
                break  // zero-width (ZWJ too: terminals draw the parts of a sequence apart), bidirectional and byte-order marks
            default:
                out.append(scalar)
                count += 1
            }
        }
        let result = String(out)
        if exhausted && count <= limit { return result }  // fewer scalars than the limit: no cut
        var characters = result.count
        if exhausted && characters <= limit { return result }
        // Cut at a grapheme boundary; when the scan stopped early its last grapheme may be partial.
        if !exhausted { characters -= 1 }
        return String(result.prefix(min(limit, characters))) + "…"
    }

    private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let introducer = scalars.next() else { return }
        switch introducer {
        case "[":
            while let s = scalars.next(), !(0x40...0x7e).contains(s.value) {}
        case "]", "P", "X", "^", "_":
            var previousWasEscape = false
            while let s = scalars.next() {
                if s.value == 0x07 || (previousWasEscape && s == "\\") { break }
                previousWasEscape = s.value == 0x1b
            }
        default:
            break
        }
    }
}
