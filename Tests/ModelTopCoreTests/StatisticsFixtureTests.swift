import Testing
@testable import ModelTopCore

/// Every number here was computed by numpy/scipy (scripts/make-fixtures.py).
@Suite struct StatisticsFixtureTests {
    struct Fixture: Decodable {
        struct KS: Decodable {
            var name: String
            var a: SampleSpec
            var b: SampleSpec
            var statistic: Double
            var pvalue: Double
            var method: String
            /// `ks_2samp(method="asymp")`, for the samples scipy tests exactly by default.
            var asymp: Asymptotic?

            struct Asymptotic: Decodable {
                var statistic, pvalue: Double
            }
        }

        struct PSI: Decodable {
            var name: String
            var reference: SampleSpec
            var current: SampleSpec
            var edges: [Double]
            var psi: Double
            var reference_counts: [Int]
            var current_counts: [Int]
        }

        struct Categorical: Decodable {
            var name: String
            var reference_counts: [Int]
            var current_counts: [Int]
            var psi: Double
            var chi2: Double
            var pvalue: Double
            var dof: Int
        }

        struct Quantiles: Decodable {
            var name: String
            var values: SampleSpec
            var levels: [Double]
            var quantiles: [Double]
        }

        struct ChiSF: Decodable {
            var statistic: Double
            var dof: Int
            var pvalue: Double
        }

        struct KSTwo: Decodable {
            var d: Double
            var n: Int
            var sf: Double
        }

        var ks: [KS]
        var psi: [PSI]
        var categorical: [Categorical]
        var quantiles: [Quantiles]
        var chi2_sf: [ChiSF]
        var kstwo: [KSTwo]
        var proportions: [Proportions]
        var welch: [Welch]
        var betainc: [BetaInc]
        var t_sf: [TSF]

        struct Proportions: Decodable {
            var baseline: [Int]
            var candidate: [Int]
            var difference, low, high, z, pvalue: Double
        }

        struct Welch: Decodable {
            var baseline: SampleSpec
            var candidate: SampleSpec
            var difference, t, df, pvalue, low, high: Double
        }

        struct BetaInc: Decodable {
            var a, b, x, value: Double
        }

        struct TSF: Decodable {
            var t, df, sf: Double
        }
    }

    static let data: Fixture = try! fixture("statistics.json")

    /// Tolerances: D is exact to the last bit (same arithmetic as scipy); p-values within 1e-9
    /// relative in exact mode and 1e-6 in asymptotic mode (the contract allows 2%).
    @Test(arguments: data.ks.map(\.name))
    func kolmogorovSmirnovMatchesScipy(name: String) throws {
        let c = try #require(Self.data.ks.first { $0.name == name })
        let a = c.a.values.sorted(), b = c.b.values.sorted()
        let ks = try #require(KolmogorovSmirnov(sortedA: a, sortedB: b))
        #expect(ks.statistic == c.statistic, "D \(ks.statistic) vs scipy \(c.statistic)")
        #expect(ks.method.rawValue == c.method)
        let tolerance = c.method == "exact" ? 1e-9 : 1e-6
        #expect(close(ks.pvalue, c.pvalue, relative: tolerance), "p \(ks.pvalue) vs scipy \(c.pvalue)")
        let swapped = try #require(KolmogorovSmirnov(sortedA: b, sortedB: a))
        #expect(swapped.statistic == ks.statistic)  // symmetric
        #expect(close(swapped.pvalue, ks.pvalue, relative: 1e-12))
    }

    /// With the exact p-value's cost bounded (live reports): under the bound the same test to
    /// the bit; over it scipy's `method="asymp"` (D not rounded), within 1e-6 relative.
    @Test(arguments: data.ks.filter { $0.asymp != nil }.map(\.name))
    func boundedKolmogorovSmirnovMatchesScipy(name: String) throws {
        let c = try #require(Self.data.ks.first { $0.name == name })
        let asymp = try #require(c.asymp)
        let a = c.a.values.sorted(), b = c.b.values.sorted()
        let unbounded = try #require(KolmogorovSmirnov(sortedA: a, sortedB: b))
        let forced = try #require(KolmogorovSmirnov(sortedA: a, sortedB: b, weightsB: nil, exactCells: 0))
        #expect(forced.method == .asymptotic)
        #expect(forced.statistic == asymp.statistic, "D \(forced.statistic) vs scipy \(asymp.statistic)")
        #expect(close(forced.pvalue, asymp.pvalue, relative: 1e-6), "p \(forced.pvalue) vs scipy \(asymp.pvalue)")
        let bound = KolmogorovSmirnov.boundedExactCells
        let bounded = try #require(KolmogorovSmirnov(sortedA: a, sortedB: b, weightsB: nil, exactCells: bound))
        if KolmogorovSmirnov.bandCells(a.count, b.count, statistic: forced.statistic) <= bound {
            #expect(bounded == unbounded)
        } else {
            #expect(bounded == forced)
        }
    }

    @Test(arguments: data.psi.map(\.name))
    func numericPSIMatchesNumpy(name: String) throws {
        let c = try #require(Self.data.psi.first { $0.name == name })
        let reference = c.reference.values, current = c.current.values
        let edges = PopulationStability.edges(sortedReference: reference.sorted())
        #expect(edges == c.edges)
        var rc = [Int](repeating: 0, count: edges.count + 1), cc = rc
        for v in reference { rc[BinEdges(edges).bin(of: v)] += 1 }
        for v in current { cc[BinEdges(edges).bin(of: v)] += 1 }
        #expect(rc == c.reference_counts)
        #expect(cc == c.current_counts)
        let psi = try #require(PopulationStability.index(reference: rc, current: cc))
        #expect(close(psi, c.psi, relative: 1e-12), "PSI \(psi) vs \(c.psi)")
    }

    @Test(arguments: data.categorical.map(\.name))
    func categoricalPSIAndChiSquareMatchScipy(name: String) throws {
        let c = try #require(Self.data.categorical.first { $0.name == name })
        let psi = try #require(PopulationStability.index(reference: c.reference_counts, current: c.current_counts))
        #expect(close(psi, c.psi, relative: 1e-12))
        let chi = try #require(ChiSquare(reference: c.reference_counts, current: c.current_counts))
        #expect(chi.degreesOfFreedom == c.dof)
        #expect(close(chi.statistic, c.chi2, relative: 1e-12), "chi2 \(chi.statistic) vs \(c.chi2)")
        #expect(close(chi.pvalue, c.pvalue, relative: 1e-9), "p \(chi.pvalue) vs \(c.pvalue)")
    }

    @Test(arguments: data.quantiles.map(\.name))
    func quantilesMatchNumpyBitForBit(name: String) throws {
        let c = try #require(Self.data.quantiles.first { $0.name == name })
        let sorted = c.values.values.sorted()
        for (level, expected) in zip(c.levels, c.quantiles) {
            #expect(Quantile.linear(sorted, level) == expected, "q\(level)")
        }
    }

    @Test func chiSquareSurvivalMatchesScipy() {
        for c in Self.data.chi2_sf {
            let p = IncompleteGamma.upperRegularized(Double(c.dof) / 2, c.statistic / 2)
            #expect(close(p, c.pvalue, relative: 1e-10), "chi2.sf(\(c.statistic), \(c.dof)) = \(p) vs \(c.pvalue)")
        }
    }

    /// The pooled z-test equals scipy's 2x2 chi-square test (z² = χ², same p) within 1e-9
    /// relative; the Wald interval's ends within 1e-12.
    @Test func twoProportionTestMatchesScipy() throws {
        for c in Self.data.proportions {
            let r = try #require(TwoSampleTests.proportions(baseline: (c.baseline[0], c.baseline[1]),
                                                            candidate: (c.candidate[0], c.candidate[1])))
            #expect(close(r.difference, c.difference, relative: 1e-12, absolute: 1e-15))
            #expect(close(r.low, c.low, relative: 1e-12) && close(r.high, c.high, relative: 1e-12), "\(c.baseline) \(c.candidate)")
            #expect(close(r.statistic, c.z, relative: 1e-9, absolute: 1e-12), "z \(r.statistic) vs \(c.z)")
            #expect(close(r.pValue, c.pvalue, relative: 1e-9), "p \(r.pValue) vs \(c.pvalue)")
        }
    }

    /// Welch's t from moments equals `ttest_ind(equal_var=False)`: t and df within 1e-9
    /// relative, p within 1e-8, the interval's ends within 1e-8.
    @Test func welchTestMatchesScipy() throws {
        for c in Self.data.welch {
            var a = Moments(), b = Moments()
            for v in c.baseline.values { a.update(v) }
            for v in c.candidate.values { b.update(v) }
            let r = try #require(TwoSampleTests.welch(baseline: a, candidate: b))
            #expect(close(r.difference, c.difference, relative: 1e-9, absolute: 1e-12))
            #expect(close(r.statistic, c.t, relative: 1e-9), "t \(r.statistic) vs \(c.t)")
            #expect(close(r.degreesOfFreedom ?? 0, c.df, relative: 1e-9), "df \(r.degreesOfFreedom ?? 0) vs \(c.df)")
            #expect(close(r.pValue, c.pvalue, relative: 1e-8), "p \(r.pValue) vs \(c.pvalue)")
            #expect(close(r.low, c.low, relative: 1e-8, absolute: 1e-12) && close(r.high, c.high, relative: 1e-8, absolute: 1e-12),
                    "[\(r.low), \(r.high)] vs [\(c.low), \(c.high)]")
        }
    }

    /// Within 1e-10 (betainc) and 1e-8 (t.sf) relative: log-gamma differences of large
    /// shapes (df of a million) lose the last digits.
    @Test func incompleteBetaAndStudentTMatchScipy() {
        for c in Self.data.betainc {
            let v = IncompleteBeta.regularized(c.a, c.b, c.x)
            #expect(close(v, c.value, relative: 1e-10, absolute: 1e-300), "betainc(\(c.a), \(c.b), \(c.x)) = \(v) vs \(c.value)")
        }
        for c in Self.data.t_sf {
            let v = TwoSampleTests.studentSurvival(c.t, df: c.df)
            #expect(close(v, c.sf, relative: 1e-8), "t.sf(\(c.t), \(c.df)) = \(v) vs \(c.sf)")
        }
    }

    @Test func kolmogorovDistributionMatchesScipy() {
        for c in Self.data.kstwo {
            let p = KolmogorovDistribution.survival(c.d, n: c.n)
            #expect(close(p, c.sf, relative: 1e-6, absolute: 1e-300), "kstwo.sf(\(c.d), \(c.n)) = \(p) vs \(c.sf)")
        }
    }
}
