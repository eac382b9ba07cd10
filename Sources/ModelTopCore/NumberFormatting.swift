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
