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

    /// A name from a log, safe to draw.
    public static func clean(_ name: String) -> String {
        Sanitizer.sanitize(name, limit: 200)
    }
}
