#if canImport(Glibc)
import Glibc
#endif

/// Population stability index (PSI): how far a current distribution has moved from a reference.
///
/// `PSI = Σ (cur_i - ref_i) · ln(cur_i / ref_i)` over bins, where `cur_i` and `ref_i` are the
/// shares of each sample in bin `i`, and a share of exactly 0 is replaced by
/// ``PopulationStability/floor`` (no renormalising). PSI is 0 for identical shares and grows
/// with drift; 0.1 and 0.25 are the customary warn and alert levels.
public enum PopulationStability {
    /// The share used in place of an empty bin.
    public static let floor = 0.0001

    /// The reference deciles used as numeric bin edges.
    public static let decileLevels: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]

    /// Bin edges for a numeric feature: the reference deciles (numpy linear quantiles) with
    /// duplicates removed. Bin `i` holds `e[i-1] < v <= e[i]`; the outer bins are open.
    /// - Parameter sorted: the reference values, ascending, not empty.
    /// - Complexity: O(1) given sorted values.
    public static func edges(sortedReference sorted: [Double]) -> [Double] {
        var edges: [Double] = []
        for level in decileLevels {
            let edge = Quantile.linear(sorted, level)
            if edges.last != edge { edges.append(edge) }
        }
        return edges
    }

    /// PSI of two histograms over the same bins, summed in bin order. Nil when either sample
    /// is empty.
    /// - Complexity: O(bins).
    public static func index(reference: [Int], current: [Int]) -> Double? {
        precondition(reference.count == current.count, "histograms over different bins")
        let referenceTotal = reference.reduce(0, +), currentTotal = current.reduce(0, +)
        guard referenceTotal > 0, currentTotal > 0 else { return nil }
        var psi = 0.0
        for i in reference.indices {
            let r = share(reference[i], of: referenceTotal)
            let c = share(current[i], of: currentTotal)
            psi += (c - r) * log(c / r)
        }
        return psi
    }

    @inline(__always)
    static func share(_ count: Int, of total: Int) -> Double {
        count == 0 ? floor : Double(count) / Double(total)
    }
}
