#if canImport(Glibc)
import Glibc
#endif

/// Pearson's chi-square test of homogeneity on a 2 x k table (reference counts, current
/// counts), as `scipy.stats.chi2_contingency(table, correction=False)`.
public struct ChiSquare: Sendable, Equatable {
    public var statistic: Double
    public var pvalue: Double
    public var degreesOfFreedom: Int

    /// The test on `reference` and `current` counts per category. Categories empty in both are
    /// left out. With one category left the test is degenerate: statistic 0, p-value 1 (as
    /// scipy). Nil when either sample is empty.
    /// - Complexity: O(k).
    public init?(reference: [Int], current: [Int]) {
        precondition(reference.count == current.count, "tables of different widths")
        let referenceTotal = Double(reference.reduce(0, +)), currentTotal = Double(current.reduce(0, +))
        guard referenceTotal > 0, currentTotal > 0 else { return nil }
        let total = referenceTotal + currentTotal
        var statistic = 0.0
        var columns = 0
        for i in reference.indices {
            let column = Double(reference[i] + current[i])
            guard column > 0 else { continue }
            columns += 1
            statistic += Self.term(observed: Double(reference[i]), rowTotal: referenceTotal, column: column, total: total)
            statistic += Self.term(observed: Double(current[i]), rowTotal: currentTotal, column: column, total: total)
        }
        degreesOfFreedom = columns - 1
        if degreesOfFreedom == 0 {
            self.statistic = 0
            pvalue = 1
        } else {
            self.statistic = statistic
            pvalue = IncompleteGamma.upperRegularized(Double(degreesOfFreedom) / 2, statistic / 2)
        }
    }

    /// (observed - expected)^2 / expected for one cell.
    private static func term(observed: Double, rowTotal: Double, column: Double, total: Double) -> Double {
        let expected = rowTotal * column / total
        let difference = observed - expected
        return difference * difference / expected
    }
}
