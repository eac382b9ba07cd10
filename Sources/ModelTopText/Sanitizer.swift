/// Makes text from logs safe to show in a terminal.
public enum Sanitizer {
    /// `bytes` as text with escape sequences removed and other control characters replaced.
    ///
    /// Invalid UTF-8 becomes U+FFFD. ESC sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ST`,
    /// and two-byte `ESC x`) are dropped whole; C0 and C1 controls and DEL become `·` (tab: a
    /// space). At most `limit` characters are kept; a cut is marked with `…`.
    /// - Complexity: O(bytes.count).
    public static func sanitize(_ bytes: UnsafeRawBufferPointer, limit: Int = .max) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// `text` with escape sequences removed and control characters replaced (see above).
    public static func sanitize(_ text: String, limit: Int = .max) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if count >= limit {
                out.append("…")
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
            case 0x200b...0x200f, 0x202a...0x202e, 0x2066...0x2069:
                break  // zero-width and bidirectional controls could reorder a row
            default:
                out.append(scalar)
                count += 1
            }
        }
        return String(out)
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
