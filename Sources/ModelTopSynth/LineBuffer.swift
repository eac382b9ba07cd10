import ModelTopText

/// Bytes of NDJSON lines being written: keys, escaped strings, numbers with fixed decimals and
/// times, all by integer arithmetic (no platform formatting: the same bytes everywhere).
struct LineBuffer {
    var bytes: [UInt8] = []
    /// The date part ("2026-11-20T") of the last day written, and that day.
    private var day = Int.min
    private var datePrefix: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 12) }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func string(_ s: String) { bytes += Self.json(s) }

    /// `s` as a JSON string, quotes included (the report's escaping).
    static func json(_ s: String) -> [UInt8] {
        Array(JSONValue.string(s).rendered().utf8)
    }

    @inline(__always)
    mutating func integer(_ n: Int64) {
        if n < 0 {
            bytes.append(0x2d)
            if n == .min {
                bytes += Array(String(n).utf8.dropFirst())
                return
            }
        }
        var m = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = 0x30 + UInt8(m % 10)
                m /= 10
                count += 1
            } while m > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    private static let powers: [Double] = (0...12).map { (0..<$0).reduce(1.0) { x, _ in x * 10 } }

    /// `x` with at most `digits` decimals, trailing zeros dropped (`12.5`, `3`); null when not
    /// finite. The same digits as ``Format/fixed(_:digits:)``.
    mutating func number(_ x: Double, digits: Int) {
        guard x.isFinite else {
            raw("null")
            return
        }
        let digits = min(max(digits, 0), 12)
        guard abs(x) < 1e15 else {
            bytes += Array(Format.fixed(x, digits: digits).utf8)
            return
        }
        let scale = Self.powers[digits]
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else {
            bytes += Array(Format.fixed(x, digits: digits).utf8)
            return
        }
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled - Double(whole) * scale)
        if x < 0, scaled != 0 { bytes.append(0x2d) }
        integer(whole)
        guard fraction > 0 else { return }
        var width = digits
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        bytes.append(0x2e)
        var pad = width - 1, f = fraction
        while f >= 10 {
            f /= 10
            pad -= 1
        }
        for _ in 0..<max(pad, 0) { bytes.append(0x30) }
        integer(fraction)
    }

    /// `"YYYY-MM-DDTHH:MM:SS.mmmZ"` (quotes included), as ``RFC3339/string(fromSeconds:fractionDigits:)``
    /// with 3 digits writes it.
    mutating func time(_ seconds: Double) {
        guard seconds.isFinite, abs(seconds) < 1e13 else {
            raw("\"invalid time\"")
            return
        }
        let ticks = Int((seconds * 1000).rounded(.down))
        var days = ticks / 86_400_000, rest = ticks % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        if days != day {
            day = days
            let text = RFC3339.string(fromSeconds: Double(days) * 86_400)
            datePrefix = Array(text.utf8.prefix(11))  // YYYY-MM-DDT
        }
        bytes.append(0x22)
        bytes += datePrefix
        let whole = rest / 1000, millis = rest % 1000
        two(whole / 3600)
        bytes.append(0x3a)
        two(whole / 60 % 60)
        bytes.append(0x3a)
        two(whole % 60)
        bytes.append(0x2e)
        bytes.append(0x30 + UInt8(millis / 100))
        bytes.append(0x30 + UInt8(millis / 10 % 10))
        bytes.append(0x30 + UInt8(millis % 10))
        bytes += [0x5a, 0x22]
    }

    @inline(__always)
    private mutating func two(_ n: Int) {
        bytes.append(0x30 + UInt8(n / 10))
        bytes.append(0x30 + UInt8(n % 10))
    }
}
