import ModelTopText

/// Parsing of the sizes and durations users type (`64MiB`, `500k`, `1s`, `250ms`, `1m`).
public enum Units {
    /// Bytes for `text`: a number with an optional unit `k`, `M`, `G`, `T` (powers of 1024; `KiB`,
    /// `MB` and such are read the same) or `B`. Nil when it is not a size.
    public static func bytes(_ text: String) -> Int? {
        let (number, unit) = split(text)
        guard let value = Double(number), value >= 0 else { return nil }
        let multiplier: Double
        switch unit.lowercased() {
        case "", "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1024
        case "m", "mb", "mib": multiplier = 1024 * 1024
        case "g", "gb", "gib": multiplier = 1024 * 1024 * 1024
        case "t", "tb", "tib": multiplier = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        let bytes = value * multiplier
        return bytes < Double(Int.max) ? Int(bytes) : nil
    }

    /// Seconds for `text`: a number with a unit `ms`, `s`, `m`, `h` or `d` (a bare number is
    /// seconds). Nil when it is not a duration.
    public static func seconds(_ text: String) -> Double? {
        let (number, unit) = split(text)
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        switch unit {
        case "ms": return value / 1000
        case "", "s": return value
        case "m", "min": return value * 60
        case "h": return value * 3600
        case "d": return value * 86_400
        default: return nil
        }
    }

    /// `seconds` as the shortest duration text that reads back: `500ms`, `1s`, `90s`, `1m`, `2h`, `1d`.
    public static func text(seconds: Double) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            let n = seconds / size
            if n == n.rounded() && n < 1e15 { return "\(Int(n))\(unit)" }
        }
        let ms = seconds * 1000
        return ms == ms.rounded() && ms.magnitude < 1e15 ? "\(Int(ms))ms" : "\(Format.shortest(seconds))s"
    }

    /// `bytes` as the shortest size text that reads back: `64MiB`, `1GiB`, `100`.
    public static func text(bytes: Int) -> String {
        for (unit, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return String(bytes)
    }

    /// `text` without spaces, split where the number ends.
    private static func split(_ text: String) -> (Substring, String) {
        let compact = text.filter { $0 != " " }
        let end = compact.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? compact.endIndex
        return (compact[..<end], String(compact[end...]))
    }
}
