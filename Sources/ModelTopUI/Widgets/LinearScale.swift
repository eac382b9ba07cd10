/// Maps a value range to [0, 1] and back without overflow for any finite range (even
/// -1.8e308 to 1.8e308, whose width is not a finite Double): what plots use to place values.
struct LinearScale: Sendable {
    let low: Double
    let high: Double

    /// Where `value` lies between `low` and `high`, clamped to [0, 1]; 0 for an empty range,
    /// NaN or infinities.
    func fraction(_ value: Double) -> Double {
        guard value.isFinite, low.isFinite, high.isFinite, high > low else { return 0 }
        let f = (min(max(value, low), high) / 2 - low / 2) / (high / 2 - low / 2)
        return f.isFinite ? min(max(f, 0), 1) : 0
    }

    /// The value at fraction `f` of the range.
    func value(at f: Double) -> Double {
        low * (1 - f) + high * f
    }

    /// The index in `0..<count` for `value` (rounded when `rounded`, else truncated).
    func index(_ value: Double, count: Int, rounded: Bool = false) -> Int {
        guard count > 0 else { return 0 }
        let x = fraction(value) * Double(count - 1)
        return min(count - 1, max(0, Int(rounded ? x.rounded() : x)))
    }
}
