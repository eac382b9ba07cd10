import ModelTopText

/// Text helpers for widgets: truncation and padding by display width, names made safe. Numbers
/// are formatted by ``Format`` (ModelTopText), the same as in reports.
public enum Text {
    /// `text` cut to `width` columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let room = width - DisplayWidth.of(ellipsis)
        var out = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        return room >= 0 ? out + ellipsis : String(ellipsis.prefix(width))
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns, left- or right-aligned.
    public static func pad(_ text: String, to width: Int, right: Bool = false, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let gap = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return right ? gap + cut : cut + gap
    }

    /// `text` in lines of at most `width` columns, broken between words (a word longer than a
    /// line is cut); with `breakAnywhere`, cut at the width wherever it falls (a JSON line).
    /// - Complexity: O(text).
    public static func wrap(_ text: String, width: Int, breakAnywhere: Bool = false) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var line = ""
        var used = 0
        func flush() {
            lines.append(line)
            line = ""
            used = 0
        }
        if breakAnywhere {
            for c in text {
                let w = DisplayWidth.of(c)
                if used + w > width { flush() }
                line.append(c)
                used += w
            }
            if !line.isEmpty || lines.isEmpty { flush() }
            return lines
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var w = DisplayWidth.of(word)
            if used > 0 && used + 1 + w > width { flush() }
            while w > width {  // a word longer than a line
                let head = truncate(word, to: width, ellipsis: "")
                if used > 0 { flush() }
                lines.append(head)
                word = String(word.dropFirst(head.count))
                w = DisplayWidth.of(word)
            }
            if used > 0 {
                line += " "
                used += 1
            }
            line += word
            used += w
        }
        if !line.isEmpty || lines.isEmpty { flush() }
        return lines
    }

    /// A name from a log, safe to draw.
    public static func clean(_ name: String) -> String {
        Sanitizer.sanitize(name, limit: 200)
    }
}
