#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopIngest

/// Text helpers for widgets: truncation and padding by display width, compact numbers.
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

    /// `1234` as `1.2k`, `5e6` as `5.0M`; small values with up to two decimals.
    public static func compact(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        let a = abs(x)
        switch a {
        case 1e9...: return NumberFormatting.fixed(x / 1e9, digits: 1) + "G"
        case 1e6...: return NumberFormatting.fixed(x / 1e6, digits: 1) + "M"
        case 1e4...: return NumberFormatting.fixed(x / 1e3, digits: 0) + "k"
        case 1e3...: return NumberFormatting.fixed(x / 1e3, digits: 1) + "k"
        case 100...: return NumberFormatting.fixed(x, digits: 0)
        case 10...: return NumberFormatting.fixed(x, digits: 1)
        case 0: return "0"
        default: return NumberFormatting.fixed(x, digits: 2)
        }
    }

    /// A share as a percentage with one decimal (`97.3%`).
    public static func percent(_ x: Double?) -> String {
        x.map { NumberFormatting.fixed($0 * 100, digits: 1) + "%" } ?? "-"
    }

    /// A statistic with three decimals.
    public static func stat(_ x: Double?) -> String {
        x.map { NumberFormatting.fixed($0, digits: 3) } ?? "-"
    }

    /// A p-value: three decimals, or in scientific notation below 0.001.
    public static func pValue(_ p: Double?) -> String {
        guard let p else { return "-" }
        if p >= 0.001 { return NumberFormatting.fixed(p, digits: 3) }
        if p == 0 { return "0" }
        let exponent = Int(log10(p).rounded(.down))
        var scale = 1.0
        for _ in 0..<(-exponent) { scale *= 10 }
        return NumberFormatting.fixed(p * scale, digits: 1) + "e" + String(exponent)
    }

    /// Milliseconds (`12.3ms`, `1.5s`).
    public static func milliseconds(_ ms: Double?) -> String {
        guard let ms, ms.isFinite else { return "-" }
        return ms >= 1000 ? NumberFormatting.fixed(ms / 1000, digits: 1) + "s" : compact(ms) + "ms"
    }

    /// A duration in seconds as `12s`, `3m`, `2h`, `4d`.
    public static func age(_ seconds: Double) -> String {
        let s = max(0, seconds)
        switch s {
        case ..<60: return "\(Int(s))s"
        case ..<3600: return "\(Int(s / 60))m"
        case ..<86_400: return "\(Int(s / 3600))h"
        default: return "\(Int(s / 86_400))d"
        }
    }
}
