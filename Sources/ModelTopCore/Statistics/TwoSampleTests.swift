#if canImport(Glibc)
import Glibc
#endif

/// Tests between two samples (a baseline and a candidate), for version-vs-version comparisons.
/// Differences are candidate − baseline.
public enum TwoSampleTests {
    /// A difference with its 95% interval and the test's two-sided p-value.
    public struct Difference: Sendable, Equatable {
        public var difference: Double
        public var low: Double
        public var high: Double
        /// The test statistic (z or t).
        public var statistic: Double
        public var pValue: Double
        /// Welch-Satterthwaite degrees of freedom (nil for the z-test).
        public var degreesOfFreedom: Double?
    }

    /// The standard normal's upper tail, P(Z > z).
    public static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// Student's t upper tail, P(T > t) with `df` degrees of freedom (`scipy.stats.t.sf`).
    public static func studentSurvival(_ t: Double, df: Double) -> Double {
        let tail = 0.5 * IncompleteBeta.regularized(df / 2, 0.5, df / (df + t * t))
        return t >= 0 ? tail : 1 - tail
    }

    /// The t with `P(T > t) = p` (`scipy.stats.t.isf`), by bisection on the upper tail.
    /// - Complexity: 200 evaluations of ``studentSurvival(_:df:)``.
    public static func studentQuantile(upper p: Double, df: Double) -> Double {
        var low = -1e6, high = 1e6
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if studentSurvival(mid, df: df) > p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// Two proportions `k/n`: the difference with its 95% Wald interval (unpooled standard
    /// error) and the pooled two-proportion z-test (`statsmodels`' `proportions_ztest`).
    /// Nil when either sample is empty or both proportions are 0 or 1 alike (no variance).
    public static func proportions(baseline: (k: Int, n: Int), candidate: (k: Int, n: Int)) -> Difference? {
        guard baseline.n > 0, candidate.n > 0 else { return nil }
        let n1 = Double(baseline.n), n2 = Double(candidate.n)
        let p1 = Double(baseline.k) / n1, p2 = Double(candidate.k) / n2
        let pooled = Double(baseline.k + candidate.k) / (n1 + n2)
        let pooledError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard pooledError > 0 else { return nil }
        let d = p2 - p1
        let z = d / pooledError
        let error = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
        let half = 1.959963984540054 * error
        return Difference(difference: d, low: d - half, high: d + half, statistic: z,
                          pValue: min(1, 2 * normalSurvival(abs(z))), degreesOfFreedom: nil)
    }

    /// The one-sided p-value that the candidate's proportion is below the baseline's by more
    /// than `margin` (H0: difference >= -margin), with the unpooled standard error: small when
    /// the candidate is significantly worse than the margin allows. Nil as for
    /// ``proportions(baseline:candidate:)`` or with no variance at all.
    public static func worseBy(margin: Double, baseline: (k: Int, n: Int), candidate: (k: Int, n: Int)) -> Double? {
        guard baseline.n > 0, candidate.n > 0 else { return nil }
        let n1 = Double(baseline.n), n2 = Double(candidate.n)
        let p1 = Double(baseline.k) / n1, p2 = Double(candidate.k) / n2
        let error = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
        guard error > 0 else { return p2 - p1 < -margin ? 0 : 1 }
        return normalSurvival(-(p2 - p1 + margin) / error)  // Φ(z) = P(Z <= z): small when d is well below -margin
    }

    /// The one-sided Welch p-value that the candidate's mean exceeds the baseline's by more
    /// than `margin` (H0: difference <= margin): small when the candidate is significantly
    /// worse (for errors, larger is worse).
    public static func largerBy(margin: Double, baseline: Moments, candidate: Moments) -> Double? {
        guard let (d, error, df) = welchParts(baseline, candidate) else { return nil }
        guard error > 0 else { return d > margin ? 0 : 1 }
        return studentSurvival((d - margin) / error, df: df)
    }

    /// The difference of the means, its standard error (sample variances, ddof = 1) and the
    /// Welch–Satterthwaite degrees of freedom; nil with fewer than two values on a side.
    private static func welchParts(_ baseline: Moments, _ candidate: Moments) -> (Double, Double, Double)? {
        guard baseline.count >= 2, candidate.count >= 2,
            let s1 = baseline.standardDeviation, let s2 = candidate.standardDeviation
        else { return nil }
        let n1 = Double(baseline.count), n2 = Double(candidate.count)
        // Squared standard errors: sample variances over n.
        let v1 = s1 * s1 / (n1 - 1), v2 = s2 * s2 / (n2 - 1)
        let df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
        return (candidate.mean - baseline.mean, (v1 + v2).squareRoot(), df)
    }

    /// Two means with Welch's unequal-variance t-test (`scipy.stats.ttest_ind(equal_var=False)`)
    /// and the 95% interval of the difference. Nil with fewer than two values on a side, or no
    /// variance at all.
    public static func welch(baseline: Moments, candidate: Moments) -> Difference? {
        guard let (d, error, df) = welchParts(baseline, candidate), error > 0 else { return nil }
        let t = d / error
        let half = studentQuantile(upper: 0.025, df: df) * error
        return Difference(difference: d, low: d - half, high: d + half, statistic: t,
                          pValue: min(1, 2 * studentSurvival(abs(t), df: df)), degreesOfFreedom: df)
    }
}
