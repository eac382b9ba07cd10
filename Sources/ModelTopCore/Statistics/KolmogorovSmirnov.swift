/// The two-sample Kolmogorov-Smirnov test, as `scipy.stats.ks_2samp(a, b)` (two-sided,
/// `method="auto"`).
public struct KolmogorovSmirnov: Sendable, Equatable {
    /// How the p-value was computed.
    public enum Method: String, Sendable {
        /// Exact path counting (both samples of at most ``exactLimit``).
        case exact
        /// The one-sample Kolmogorov distribution at the effective size `n·m/(n+m)`.
        case asymptotic
    }

    /// Largest sample size for the exact p-value (scipy's `MAX_AUTO_N`).
    public static let exactLimit = 10_000

    /// The most band cells (``bandCells(_:_:statistic:)``) an exact p-value may cost when its
    /// cost is bounded (live reports): about 0.2 ms. Between two samples of 4,000 and 5,000
    /// values, a D of 0.01 already costs 405,000 cells and a D of 0.2 (drift) 8 million, ~7 ms:
    /// 1,500 such features made a report line or a scrape take seconds.
    public static let boundedExactCells = 1 << 18

    /// D = sup |F_a - F_b|; in exact mode rounded to a multiple of 1/lcm(n, m) as scipy does.
    public var statistic: Double
    public var pvalue: Double
    /// The value at which D is reached (the smallest such value).
    public var location: Double
    /// +1 when F_a is above F_b at `location`, -1 when below.
    public var sign: Int
    public var method: Method

    /// The test of two samples. Nil when either is empty.
    /// - Complexity: O(n + m) for D; the exact p-value costs up to O(n · m) when D is large.
    public init?(sortedA a: [Double], sortedB b: [Double]) {
        self.init(a: a, b: b, weightsB: nil, pValue: true)
    }

    /// The test where each value of `b` stands for `weightsB[i]` observations (a sample kept
    /// from a larger population): D uses the weighted empirical CDF; the p-value uses the number
    /// of values kept. Without `pValue` only D is computed (the p-value is NaN): for heatmap
    /// cells, which show D alone.
    ///
    /// `exactCells` bounds the exact p-value's cost: when its band has more cells, the p-value
    /// is the asymptotic one, as `ks_2samp(method="asymp")` computes it (D not rounded).
    public init?(sortedA a: [Double], sortedB b: [Double], weightsB: [Double]?, pValue: Bool = true, exactCells: Int? = nil) {
        self.init(a: a, b: b, weightsB: weightsB, pValue: pValue, exactCells: exactCells)
    }

    /// The cells of the band the exact p-value of samples of `n1` and `n2` values at D =
    /// `statistic` counts (its cost, under 0.8 ns a cell): columns of the larger sample times
    /// the band's height, 2·h/lcm of the smaller sample, at most all of it. Equal sizes take a
    /// closed form instead, of about `n` terms: `n`.
    /// - Complexity: O(log min(n1, n2)) (a gcd).
    public static func bandCells(_ n1: Int, _ n2: Int, statistic: Double) -> Int {
        guard n1 != n2 else { return n1 }
        let (g, _, h) = lattice(n1, n2, statistic: statistic)
        let m = max(n1, n2), n = min(n1, n2)
        return min(m * (n + 1), 2 * h * g + m)
    }

    /// The exact test's lattice: gcd and lcm of the sizes, and D in units of 1/lcm (scipy's h).
    private static func lattice(_ n1: Int, _ n2: Int, statistic: Double) -> (g: Int, lcm: Int, h: Int) {
        let g = gcd(n1, n2)
        let lcm = (n1 / g) * n2
        return (g, lcm, Int((statistic * Double(lcm)).rounded(.toNearestOrEven)))
    }

    private init?(a: [Double], b: [Double], weightsB: [Double]?, pValue wantsPValue: Bool, exactCells: Int? = nil) {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let d = Self.distance(a, b, weightsB: weightsB)
        let n1 = a.count, n2 = b.count
        var statistic = d.statistic
        var pvalue = Double.nan
        var method = Method.asymptotic
        if !wantsPValue {
            method = max(n1, n2) <= Self.exactLimit ? .exact : .asymptotic
        } else if max(n1, n2) <= Self.exactLimit, exactCells.map({ Self.bandCells(n1, n2, statistic: statistic) <= $0 }) ?? true {
            let (g, lcm, h) = Self.lattice(n1, n2, statistic: statistic)
            statistic = Double(h) * 1.0 / Double(lcm)
            let p: Double
            if h == 0 {
                p = 1
            } else if n1 == n2 {
                p = Self.probabilityOutsideSquare(n: n1, h: h)
            } else {
                p = Self.probabilityOutsideBand(n1, n2, g: g, h: h)
            }
            if p >= 0 && p <= 1 {
                pvalue = p
                method = .exact
            }
        }
        if wantsPValue && method == .asymptotic {
            let m = Double(max(n1, n2)), n = Double(min(n1, n2))
            let effective = (m * n / (m + n)).rounded(.toNearestOrEven)
            pvalue = KolmogorovDistribution.survival(statistic, n: Int(effective))
        }
        self.statistic = statistic
        self.pvalue = pvalue.isNaN ? pvalue : min(max(pvalue, 0), 1)
        self.location = d.location
        self.sign = d.sign
        self.method = method
    }

    /// D, where it is reached and its sign: at every distinct value, F(x) counts all values
    /// <= x (ties as `searchsorted(side="right")`). By a merge of the two sorted samples, or,
    /// when `b` is much the smaller (a pane's few values against a reference), by binary
    /// searches in `a` at `b`'s values: the same D, location and sign, to the bit.
    static func distance(_ a: [Double], _ b: [Double], weightsB: [Double]?) -> (statistic: Double, location: Double, sign: Int) {
        let hasNaN = a[0].isNaN || a[a.count - 1].isNaN || b[0].isNaN || b[b.count - 1].isNaN
        if b.count * sparseRatio <= a.count, !hasNaN { return sparseDistance(a, b, weightsB: weightsB) }
        return mergedDistance(a, b, weightsB: weightsB)
    }

    /// `b` is searched in `a` rather than merged with it when `a` is at least this many times
    /// larger: two binary searches a value of `b` (each a chain of dependent loads) against a
    /// merge's walk of `a`, an estimate. Measured: panes of 20 values against a 2,000-value
    /// reference, the KS share of `perf`'s samples of `modeltop-bench render` fell from 18% to
    /// 10%.
    static let sparseRatio = 48

    /// The largest and smallest F_a - F_b met, each at the first value reaching it.
    private struct Extremes {
        var maxDiff = -Double.infinity, maxAt: Double
        var minDiff = Double.infinity, minAt: Double

        init(start: Double) {
            maxAt = start
            minAt = start
        }

        @inline(__always)
        mutating func consider(_ diff: Double, at x: Double) {
            if diff > maxDiff {
                maxDiff = diff
                maxAt = x
            }
            if diff < minDiff {
                minDiff = diff
                minAt = x
            }
        }

        var result: (statistic: Double, location: Double, sign: Int) {
            let minS = min(max(-minDiff, 0), 1)
            if minS > maxDiff { return (minS, minAt, -1) }
            return (maxDiff, maxAt, 1)
        }
    }

    /// D by a merge of the two sorted samples, evaluated at every distinct value.
    /// The samples hold no NaN (events and pane summaries cannot carry one); a NaN would
    /// advance neither side, so the merge stops at the first.
    /// - Complexity: O(n + m).
    static func mergedDistance(_ a: [Double], _ b: [Double], weightsB: [Double]?) -> (statistic: Double, location: Double, sign: Int) {
        let n1 = Double(a.count)
        let n2 = weightsB.map { $0.reduce(0, +) } ?? Double(b.count)
        var i = 0, j = 0
        var weightSoFar = 0.0
        var extremes = Extremes(start: a[0])
        while i < a.count || j < b.count {
            let x: Double
            if j == b.count || (i < a.count && a[i] <= b[j]) { x = a[i] } else { x = b[j] }
            if x.isNaN { break }
            while i < a.count && a[i] <= x { i += 1 }
            while j < b.count && b[j] <= x {
                weightSoFar += weightsB?[j] ?? 1
                j += 1
            }
            let cdfB = weightsB == nil ? Double(j) / n2 : weightSoFar / n2
            extremes.consider(Double(i) / n1 - cdfB, at: x)
        }
        return extremes.result
    }

    /// D as ``mergedDistance(_:_:weightsB:)`` finds it, evaluated only where an extreme can
    /// be. F_a - F_b rises at each value of `a` and falls at each value of `b`, so from one
    /// value of `b` to the next it is smallest at the first and largest at the last value of
    /// `a` before the next (or at that value of `b`, when no value of `a` lies between); before
    /// `b`'s first value, smallest at `a`'s first and largest at its last before it. The other
    /// values reach no extreme first, so the same ones are kept, computed the same way.
    /// - Complexity: O(m log n) for m values of `b` and n of `a`.
    static func sparseDistance(_ a: [Double], _ b: [Double], weightsB: [Double]?) -> (statistic: Double, location: Double, sign: Int) {
        let n1 = Double(a.count)
        let n2 = weightsB.map { $0.reduce(0, +) } ?? Double(b.count)
        var extremes = Extremes(start: a[0])
        let below = a.countBelow(b[0])
        if below > 0 {
            extremes.consider(Double(a.countAtOrBelow(a[0])) / n1 - 0 / n2, at: a[0])
            extremes.consider(Double(below) / n1 - 0 / n2, at: a[below - 1])
        }
        var j = 0
        var weightSoFar = 0.0
        while j < b.count {
            let v = b[j]
            while j < b.count && b[j] <= v {
                weightSoFar += weightsB?[j] ?? 1
                j += 1
            }
            let cdfB = weightsB == nil ? Double(j) / n2 : weightSoFar / n2
            let atV = a.countAtOrBelow(v)
            extremes.consider(Double(atV) / n1 - cdfB, at: v)
            let beforeNext = j < b.count ? a.countBelow(b[j]) : a.count
            if beforeNext > atV { extremes.consider(Double(beforeNext) / n1 - cdfB, at: a[beforeNext - 1]) }
        }
        return extremes.result
    }

    /// P(D_{n,n} >= h/n) for equal sample sizes: the alternating sum of binomial ratios,
    /// evaluated innermost term first (Horner-like) to avoid cancellation.
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var total = 0.0
        var k = n / h
        while k >= 0 {
            var ratio = 1.0
            for j in 0..<h {
                ratio = Double(n - k * h - j) * ratio / Double(n + k * h + j + 1)
            }
            total = ratio * (1.0 - total)
            k -= 1
        }
        return 2 * total
    }

    /// P(D_{m,n} >= h/lcm(m, n)) for unequal sizes: the share of lattice paths from (0,0) to
    /// (m,n) that leave the band |x/m - y/n| < h/lcm, counted column by column as a proportion
    /// of paths (Hodges' inside method in Viehmann's form, which yields 1 - p's complement
    /// directly and cannot overflow).
    ///
    /// Each cell is `(left · i + below · j) / (i + j)`, scipy's recurrence, computed as
    /// `left · (i·r) + below · (j·r)` with `r = 1/(i + j)` from a table: the division leaves the
    /// chain of dependent operations along a column, which is what bounds the speed (the result
    /// differs from the direct form by rounding only, within 1e-12 relative, tested).
    ///
    /// Columns are computed four at a time, each a few cells behind the one it reads
    /// (``bandColumns``): four independent chains of dependent operations instead of one, the
    /// same operations on the same values, so the same bits as one column at a time (tested).
    /// Measured: two at a time was 1.4-1.8x faster than one for sizes of 500-10,000 alone;
    /// four at a time took a report of 50 models x 30 features in drift (windows of 5,000
    /// against 2,000 values, `modeltop-bench render`) from 2,440-2,452 to 1,979-1,992 ms; the
    /// steps where all four columns are inside their bands without checks (``steadyCells``),
    /// from 2,922-2,961 to 1,784-1,841 ms (another day, two runs each, interleaved).
    /// - Complexity: O(m · band width), at most O(m · n).
    static func probabilityOutsideBand(_ first: Int, _ second: Int, g: Int, h: Int) -> Double {
        let m = max(first, second), n = min(first, second)
        let band = Band(m: m, n: n, g: g, h: h)
        let firstCount = min(Int((Double(h) / band.mg).rounded(.up)), n + 1)
        // Column 0: the paths along the x axis inside the band, 1 (outside) beyond it; rows
        // past a column's band read as 1.
        var column = [Double](repeating: 1, count: min(2 * firstCount + 2, n + 1))
        for j in 0..<firstCount { column[j] = 0 }
        let reciprocals = (0...(m + n)).map { $0 == 0 ? 0 : 1 / Double($0) }
        return column.withUnsafeMutableBufferPointer { column in
            reciprocals.withUnsafeBufferPointer { reciprocal in
                var previous = (lower: 0, count: firstCount)
                var i = 1
                while i <= m {
                    // Up to four columns; those past column m have no rows.
                    let a = band.rows(i)
                    let b = i + 1 <= m ? band.rows(i + 1) : (lower: a.lower, count: 0)
                    let c = i + 2 <= m ? band.rows(i + 2) : (lower: b.lower, count: 0)
                    let d = i + 3 <= m ? band.rows(i + 3) : (lower: c.lower, count: 0)
                    let columns = min(4, m - i + 1)
                    // A column with no row inside the band: every path has left it.
                    if a.count <= 0 || (columns > 1 && b.count <= 0) || (columns > 2 && c.count <= 0)
                        || (columns > 3 && d.count <= 0)
                    {
                        return 1.0
                    }
                    previous = bandColumns(i, (a, b, c, d), after: previous, column, reciprocal)
                    i += columns
                }
                return column[previous.count - 1]
            }
        }
    }

    /// The rows of each column inside the band |x/m - y/n| < h/lcm.
    private struct Band {
        let n: Int
        let mg: Double, ng: Double, h: Double

        init(m: Int, n: Int, g: Int, h: Int) {
            self.n = n
            mg = Double(m / g)
            ng = Double(n / g)
            self.h = Double(h)
        }

        /// Column i's first row inside the band and how many rows are (0 or less: none).
        @inline(__always)
        func rows(_ i: Int) -> (lower: Int, count: Int) {
            let di = Double(i)
            let lower = min(max(Int(((ng * di - h) / mg).rounded(.down)) + 1, 0), n)
            let upper = min(Int(((ng * di + h) / mg).rounded(.up)), n + 1)
            return (lower, upper - lower)
        }
    }

    /// One cell of column `i` at row `j`: `left` from the column before, `below` the cell
    /// under it in this one.
    @inline(__always)
    private static func bandCell(_ i: Int, _ j: Int, left: Double, below: Double, _ reciprocal: UnsafeBufferPointer<Double>) -> Double {
        let r = reciprocal[i + j]
        return left * (Double(i) * r) + below * (Double(j) * r)
    }

    /// Sets rows `from..<to` of the column to 1 (outside the band).
    @inline(__always)
    private static func fillOutside(_ column: UnsafeMutableBufferPointer<Double>, _ from: Int, _ to: Int) {
        var k = from
        while k < to {
            column[k] = 1
            k += 1
        }
    }

    /// Columns `i` to `i + 3` (the rows of each inside the band; a count of 0 for columns past
    /// the last) over the column before (rows `previous`), in place: row `t` of the buffer
    /// holds row `lower + t` of the last column computed. Returns the rows of the last column
    /// computed.
    ///
    /// One sweep: at step `t` each column computes its cell of the same row (row `t` of column
    /// `i`'s band, `t - s_k` of column `i + k`'s), whose left cell column `i + k - 1` computed in
    /// the same step, or 1 when that row is past its band (then past the bands of the columns
    /// before it too, which only move up: `left` is still 1). Four independent chains of
    /// dependent operations; the same operations on the same values as one column at a time,
    /// so the same bits. Only column `i` reads the buffer, at or after where anything was
    /// written (the band only moves up), so each column's rows are written in place.
    private static func bandColumns(_ i: Int, _ bands: ((lower: Int, count: Int), (lower: Int, count: Int),
                                                         (lower: Int, count: Int), (lower: Int, count: Int)),
                                    after previous: (lower: Int, count: Int),
                                    _ column: UnsafeMutableBufferPointer<Double>, _ reciprocal: UnsafeBufferPointer<Double>)
        -> (lower: Int, count: Int)
    {
        let (a, b, c, d) = bands
        let shift0 = a.lower - previous.lower
        let s1 = b.lower - a.lower, s2 = s1 + c.lower - b.lower, s3 = s2 + d.lower - c.lower
        var v0 = a.lower == 0 ? 0.0 : 1.0, v1 = b.lower == 0 ? 0.0 : 1.0
        var v2 = c.lower == 0 ? 0.0 : 1.0, v3 = d.lower == 0 ? 0.0 : 1.0
        let end = max(a.count, s1 + b.count, s2 + c.count, s3 + d.count)
        // From `s3` to `steadyEnd` every column has its cell inside its band: no checks there.
        let steadyEnd = d.count > 0 ? min(a.count, s1 + b.count, s2 + c.count, s3 + d.count) : 0
        var t = 0
        while t < end {
            if t == s3 && s3 < steadyEnd {
                t = steadyCells(i, from: s3, to: steadyEnd, row: a.lower, shift0: shift0, shifts: (s1, s2, s3),
                                &v0, &v1, &v2, &v3, column, reciprocal)
                continue
            }
            var left = 1.0
            if t < a.count {
                v0 = bandCell(i, t + a.lower, left: column[t + shift0], below: v0, reciprocal)
                column[t] = v0
                left = v0
            }
            sweepCell(i + 1, row: t - s1, b, value: &v1, left: &left, column, reciprocal)
            sweepCell(i + 2, row: t - s2, c, value: &v2, left: &left, column, reciprocal)
            sweepCell(i + 3, row: t - s3, d, value: &v3, left: &left, column, reciprocal)
            t += 1
        }
        // Rows past the last column's band read as 1 from now on.
        let last = d.count > 0 ? d : c.count > 0 ? c : b.count > 0 ? b : a
        fillOutside(column, last.count, max(previous.count, a.count, b.count, c.count))
        return last
    }

    /// Steps `from..<to` of ``bandColumns`` where all four columns have their cell inside
    /// their band (the same row `row + t` of each): the same operations in the same order as
    /// there, without the checks, and each cell's reciprocal read next to the one before.
    /// Returns `to`.
    @inline(__always)
    private static func steadyCells(_ i: Int, from: Int, to: Int, row: Int, shift0: Int, shifts: (Int, Int, Int),
                                    _ value0: inout Double, _ value1: inout Double, _ value2: inout Double,
                                    _ value3: inout Double, _ column: UnsafeMutableBufferPointer<Double>,
                                    _ reciprocal: UnsafeBufferPointer<Double>) -> Int {
        let (s1, s2, s3) = shifts
        var v0 = value0, v1 = value1, v2 = value2, v3 = value3
        let i0 = Double(i), i1 = Double(i + 1), i2 = Double(i + 2), i3 = Double(i + 3)
        // Row j of column i + k reads the reciprocal of i + k + j: four neighbours a step.
        let base = i + row
        var j = Double(row + from)  // whole numbers: exact as a counter
        var t = from
        while t < to {
            let r0 = reciprocal[base + t], r1 = reciprocal[base + t + 1]
            let r2 = reciprocal[base + t + 2], r3 = reciprocal[base + t + 3]
            v0 = column[t + shift0] * (i0 * r0) + v0 * (j * r0)
            column[t] = v0
            v1 = v0 * (i1 * r1) + v1 * (j * r1)
            column[t - s1] = v1
            v2 = v1 * (i2 * r2) + v2 * (j * r2)
            column[t - s2] = v2
            v3 = v2 * (i3 * r3) + v3 * (j * r3)
            column[t - s3] = v3
            j += 1
            t += 1
        }
        value0 = v0; value1 = v1; value2 = v2; value3 = v3
        return to
    }

    /// One cell of a column after the first in ``bandColumns``: at `row` of its band (none
    /// outside it), from `left`, which becomes the cell's value for the next column.
    @inline(__always)
    private static func sweepCell(_ i: Int, row: Int, _ band: (lower: Int, count: Int), value: inout Double, left: inout Double,
                                  _ column: UnsafeMutableBufferPointer<Double>, _ reciprocal: UnsafeBufferPointer<Double>) {
        guard row >= 0 && row < band.count else { return }
        value = bandCell(i, row + band.lower, left: left, below: value, reciprocal)
        column[row] = value
        left = value
    }
}

func gcd(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
