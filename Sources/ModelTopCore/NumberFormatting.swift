/// Text for numbers, the same everywhere numbers are shown or written.
public enum NumberFormatting {
    /// The shortest text that reads back as `x`; integral values without a fraction (`2`, not
    /// `2.0`). Non-finite values are `nan`, `inf`, `-inf`.
    public static func shortest(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }
}

extension NumberFormatting {
    /// `x` with exactly `digits` digits after the point (`0.25`, `12.0`).
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return shortest(x) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        var text = String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (x < 0 && scaled != 0 ? "-" : "") + text
    }
}
