#if canImport(Glibc)
import Glibc
#endif

/// Text for numbers, the same in the dashboard, the report table and JSON: one formatter, so a
/// value never reads differently in two places.
///
/// Every function takes any `Double` — NaN, infinities, ±1e308 — and never traps.
public enum Format {
    /// The shortest text that reads back as `x`; integral values without a fraction (`2`, not
    /// `2.0`). Non-finite values are `nan`, `inf`, `-inf`.
    /// - Complexity: O(1).
    public static func shortest(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// `x` with exactly `digits` digits after the point (`0.25`, `12.0`); magnitudes of 1e15
    /// and more in scientific notation (`1.2e19`), where fixed digits mean nothing.
    /// - Complexity: O(digits).
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return shortest(x) }
        let digits = min(max(digits, 0), 12)
        guard abs(x) < 1e15 else { return scientific(x, digits: max(digits, 1)) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        var text = String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (x < 0 && scaled != 0 ? "-" : "") + text
    }

    /// `x` as `m.de±N` with `digits` digits after the point (`2.5e-36`, `1.0e19`).
    public static func scientific(_ x: Double, digits: Int = 1) -> String {
        guard x.isFinite else { return shortest(x) }
        if x == 0 { return "0" }
        var exponent = Int(log10(abs(x)).rounded(.down))
        var mantissa = abs(x) / pow(10, Double(exponent))
        if !mantissa.isFinite || mantissa == 0 {  // subnormals: scale in two steps
            mantissa = abs(x) * 1e300 / pow(10, Double(exponent + 300))
        }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        if (mantissa * scale).rounded() >= 10 * scale {
            mantissa /= 10
            exponent += 1
        }
        return (x < 0 ? "-" : "") + fixed(mantissa, digits: digits) + "e" + String(exponent)
    }

    /// `1234` as `1.2k`, `5e6` as `5.0M`; small values with up to two decimals; `-` for nil,
    /// NaN and infinities.
    public static func compact(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        let a = abs(x)
        switch a {
        case 1e15...: return scientific(x)
        case 1e12...: return fixed(x / 1e12, digits: 1) + "T"
        case 1e9...: return fixed(x / 1e9, digits: 1) + "G"
        case 1e6...: return fixed(x / 1e6, digits: 1) + "M"
        case 1e4...: return fixed(x / 1e3, digits: 0) + "k"
        case 1e3...: return fixed(x / 1e3, digits: 1) + "k"
        case 100...: return fixed(x, digits: 0)
        case 10...: return fixed(x, digits: 1)
        case 0: return "0"
        default: return fixed(x, digits: 2)
        }
    }

    /// A size in bytes for people: `512 B`, `4.0 KiB`, `12 MiB`, `1.5 GiB`.
    public static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var x = Double(n)
        var i = 0
        while x.magnitude >= 1024 && i < units.count - 1 {
            x /= 1024
            i += 1
        }
        return i == 0 ? "\(n) B" : fixed(x, digits: x.magnitude < 10 ? 1 : 0) + " " + units[i]
    }

    /// A count: exact below 10,000 (`42`, `9999`), then as ``compact(_:)`` (`12k`, `3.4M`).
    public static func count(_ n: Int) -> String {
        n.magnitude < 10_000 ? String(n) : compact(Double(n))
    }

    /// A share as a percentage with one decimal (`97.3%`); `-` for nil.
    public static func percent(_ x: Double?) -> String {
        guard let x else { return "-" }
        guard x.isFinite else { return shortest(x) }
        return fixed(x * 100, digits: 1) + "%"
    }

    /// A statistic with three decimals (`0.125`); `-` for nil.
    public static func stat(_ x: Double?) -> String {
        x.map { fixed($0, digits: 3) } ?? "-"
    }

    /// A p-value: three decimals, or in scientific notation below 0.001 (`2.6e-78`); `-` for nil.
    public static func pValue(_ p: Double?) -> String {
        guard let p, !p.isNaN else { return "-" }
        if p >= 0.001 { return fixed(p, digits: 3) }
        if p <= 0 { return "0" }
        return scientific(p)
    }

    /// Milliseconds (`12.3ms`, `1.5s`).
    public static func milliseconds(_ ms: Double?) -> String {
        guard let ms, ms.isFinite else { return "-" }
        return abs(ms) >= 1000 ? fixed(ms / 1000, digits: 1) + "s" : compact(ms) + "ms"
    }

    /// A duration in seconds as `12s`, `3m`, `2h`, `4d` (negative durations as `0s`).
    public static func age(_ seconds: Double) -> String {
        let s = seconds.isNaN ? 0 : max(0, seconds)
        switch s {
        case ..<60: return "\(Int(s))s"
        case ..<3600: return "\(Int(s / 60))m"
        case ..<86_400: return "\(Int(s / 3600))h"
        case ..<(86_400 * 1e6): return "\(Int(s / 86_400))d"
        default: return compact(s / 86_400) + "d"
        }
    }

    /// An event time as `HH:MM:SS` (UTC).
    public static func clock(_ t: Double) -> String {
        String(RFC3339.string(fromSeconds: t).dropFirst(11).prefix(8))
    }

    /// An event time as `YYYY-MM-DD HH:MM:SS` (UTC).
    public static func dateTime(_ t: Double) -> String {
        String(RFC3339.string(fromSeconds: t).dropLast().map { $0 == "T" ? " " : $0 })
    }
}
