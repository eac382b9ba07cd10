#if canImport(Glibc)
import Glibc
#endif

/// The regularized incomplete gamma functions, for chi-square p-values.
public enum IncompleteGamma {
    /// Q(a, x) = Γ(a, x) / Γ(a), the upper regularized incomplete gamma function
    /// (`scipy.special.gammaincc`), so that `chi2.sf(s, k) = Q(k/2, s/2)`.
    ///
    /// A power series for P = 1 - Q when `x < a + 1`, else a continued fraction (modified Lentz)
    /// for Q, which keeps relative precision for values as small as 1e-300.
    /// - Complexity: O(sqrt(a)) iterations typically; at most 10,000.
    public static func upperRegularized(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "shape must be positive")
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        let logPrefactor = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // P(a, x) = x^a e^-x / Γ(a+1) · Σ x^n / ((a+1)...(a+n))
            var term = 1.0 / a
            var sum = term
            var n = 1.0
            while n < 10_000 {
                term *= x / (a + n)
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
                n += 1
            }
            return max(0, 1 - exp(logPrefactor) * sum)
        }
        // Q(a, x) = x^a e^-x / Γ(a) · 1 / (x + 1 - a - 1(1-a)/(x + 3 - a - ...))
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 10_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            i += 1
        }
        return exp(logPrefactor) * h
    }
}
