#if canImport(Glibc)
import Glibc
#endif

/// The regularized incomplete beta function, for Student's t p-values.
public enum IncompleteBeta {
    /// I_x(a, b) = B(x; a, b) / B(a, b) (`scipy.special.betainc`), so that the two-sided
    /// Student t p-value is `I_{ν/(ν+t²)}(ν/2, 1/2)`.
    ///
    /// The continued fraction of I_x(a, b) (modified Lentz), on the side of the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast (x < (a+1)/(a+b+2)).
    /// - Complexity: O(sqrt(max(a, b))) iterations typically; at most 10,000.
    public static func regularized(_ a: Double, _ b: Double, _ x: Double) -> Double {
        precondition(a > 0 && b > 0, "shapes must be positive")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logPrefactor = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logPrefactor) * fraction(a, b, x) / a
        }
        return 1 - exp(logPrefactor) * fraction(b, a, 1 - x) / b
    }

    /// The continued fraction 1/(1+ d1/(1+ d2/(1+ ...))) of I_x(a, b).
    private static func fraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 10_000 {
            let m2 = 2 * m
            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            var term = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            m += 1
        }
        return h
    }
}
