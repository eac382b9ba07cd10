#if canImport(Glibc)
import Glibc
#endif

/// The distribution of the one-sample two-sided Kolmogorov-Smirnov statistic D_n, for the
/// asymptotic two-sample p-value (`scipy.stats.kstwo.sf`).
///
/// Follows the method choice of Simard & L'Ecuyer (2011) as scipy does: closed forms at the
/// edges, Durbin's matrix (Marsaglia, Tsang & Wang 2003) for small n·d, the Pelz-Good
/// expansion for large n, and twice the exact one-sided Smirnov tail where the upper tail is
/// small. (Where scipy uses Pomeranz's recursion, n <= 140, this uses Durbin's matrix: both are
/// exact.)
public enum KolmogorovDistribution {
    /// P(D_n >= d).
    public static func survival(_ d: Double, n: Int) -> Double {
        guard n > 0 else { return .nan }
        let nd = Double(n)
        if d >= 1 { return 0 }
        if d <= 0 { return 1 }
        let t = nd * d
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = exp(logFactorialOverPower(n) + nd * log(2 * t - 1))
            }
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - d, nd)) }
        if d >= 0.5 { return clip(2 * smirnov(n, d)) }
        let nxSquared = t * d
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - durbin(n, d)) }
            return clip(2 * smirnov(n, d))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, d)) }
        if n <= 100_000 && nd * pow(d, 1.5) <= 1.4 { return clip(1 - durbin(n, d)) }
        return clip(1 - pelzGood(n, d))
    }

    private static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    /// log(n! / n^n) by Stirling's series with n·log(n) taken out first.
    static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [-2.955065359477124183e-2, 6.4102564102564102564e-3,
                            -1.9175269175269175269e-3, 8.4175084175084175084e-4,
                            -5.952380952380952381e-4, 7.9365079365079365079e-4,
                            -2.7777777777777777778e-3, 8.3333333333333333333e-2]
        let rn = 1.0 / Double(n)
        let x = rn / Double(n)
        var series = 0.0
        for c in coefficients { series = series * x + c }
        return log(Double(n)) / 2 - Double(n) + log(2 * Double.pi) / 2 + rn * series
    }

    /// The exact one-sided tail P(D_n^+ >= d) (`scipy.special.smirnov`), by the Birnbaum-Tingey
    /// sum d · Σ_j C(n, j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1), in logarithms.
    /// - Complexity: O(n).
    public static func smirnov(_ n: Int, _ d: Double) -> Double {
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nd = Double(n)
        let last = Int((nd * (1 - d)).rounded(.down))
        var logChoose = 0.0  // log C(n, j)
        var terms: [Double] = []
        terms.reserveCapacity(last + 1)
        for j in 0...max(last, 0) {
            if j > 0 { logChoose += log(Double(n - j + 1) / Double(j)) }
            let dj = Double(j)
            let lower = 1 - d - dj / nd
            let upper = d + dj / nd
            if lower <= 0 {
                if n - j == 0 { terms.append(logChoose + (dj - 1) * log(upper)) }
                continue
            }
            terms.append(logChoose + (nd - dj) * log(lower) + (dj - 1) * log(upper))
        }
        guard let top = terms.max() else { return 0 }
        var sum = 0.0
        for term in terms { sum += exp(term - top) }
        return exp(log(d) + top + log(sum))
    }

    /// P(D_n < d) by Durbin's matrix method: the k-th diagonal entry of H^n · n!/n^n, with
    /// d = (k - h)/n, scaled as it goes to stay in range.
    /// - Complexity: O(m^3 log n) with m = 2k - 1.
    static func durbin(_ n: Int, _ d: Double) -> Double {
        let nd = Double(n) * d
        let k = Int(nd) + 1
        let m = 2 * k - 1
        let h = Double(k) - nd
        var matrix = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m where i - j + 1 >= 0 { matrix[i * m + j] = 1 }
        }
        for i in 0..<m {
            matrix[i * m] -= pow(h, Double(i + 1))
            matrix[(m - 1) * m + i] -= pow(h, Double(m - i))
        }
        if 2 * h - 1 > 0 { matrix[(m - 1) * m] += pow(2 * h - 1, Double(m)) }
        for i in 0..<m {
            for j in 0..<m where i - j + 1 > 0 {
                for g in 1...(i - j + 1) { matrix[i * m + j] /= Double(g) }
            }
        }
        var (power, exponent) = matrixPower(matrix, m: m, n: n)
        var s = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            s = s * Double(i) / Double(n)
            if s < 1e-140 {
                s *= 1e140
                exponent -= 140
            }
        }
        return s * pow(10, Double(exponent))
    }

    /// `a^n` with a base-10 exponent kept apart, as in Marsaglia, Tsang & Wang.
    private static func matrixPower(_ a: [Double], m: Int, n: Int) -> ([Double], Int) {
        if n == 1 { return (a, 0) }
        var (half, exponent) = matrixPower(a, m: m, n: n / 2)
        var result = multiply(half, half, m: m)
        exponent *= 2
        if n % 2 == 1 { result = multiply(a, result, m: m) }
        if result[(m / 2) * m + m / 2] > 1e140 {
            for i in result.indices { result[i] *= 1e-140 }
            exponent += 140
        }
        half = []
        return (result, exponent)
    }

    private static func multiply(_ a: [Double], _ b: [Double], m: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for k in 0..<m {
                let aik = a[i * m + k]
                if aik == 0 { continue }
                for j in 0..<m { c[i * m + j] += aik * b[k * m + j] }
            }
        }
        return c
    }

    /// P(D_n <= d) by the Pelz-Good expansion in n^(-1/2), for large n.
    static func pelzGood(_ n: Int, _ d: Double) -> Double {
        if d <= 0 { return 0 }
        if d >= 1 { return 1 }
        let z = Double(n).squareRoot() * d
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * z4 * z4
        var k = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for i in stride(from: maxK, to: 0, by: -1) {
            let odd = Double(2 * i - 1)
            let o2 = odd * odd, o4 = o2 * o2, o6 = o4 * o2
            let qpower = pow(q, Double(8 * i))
            let terms = [1.0, k1a + k1b * o2, k2a + k2b * o2 + k2c * o4, k3a + k3b * o2 + k3c * o4 + k3d * o6]
            for t in 0..<4 { k[t] = k[t] * qpower + terms[t] }
        }
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * z4 * z3, 6480 * z4 * z6]
        for t in 0..<4 { k[t] = k[t] * q * sqrt2pi / divisors[t] }
        q = exp(-pi2 / 2 / z2)
        var k2extra = 0.0, k3extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        for i in stride(from: maxK, to: 0, by: -1) {
            let ks = Double(i)
            let qpower = pow(q, ks * ks)
            k2extra += ks * ks * qpower
            let kspi = Double.pi * ks
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks * ks * qpower
        }
        k[2] += k2extra * pi2 * sqrt2pi / (-36 * z3)
        k[3] += k3extra * pi2 * sqrt2pi / (216 * z6)
        var total = 0.0
        for t in 0..<4 { total += k[t] / pow(Double(n), Double(t) / 2) }
        return total
    }
}
