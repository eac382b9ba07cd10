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

    @Test(arguments: data.psi.map(\.name))
    func numericPSIMatchesNumpy(name: String) throws {
        let c = try #require(Self.data.psi.first { $0.name == name })
        let reference = c.reference.values, current = c.current.values
        let edges = PopulationStability.edges(sortedReference: reference.sorted())
        #expect(edges == c.edges)
        var rc = [Int](repeating: 0, count: edges.count + 1), cc = rc
        for v in reference { rc[PopulationStability.bin(of: v, edges: edges)] += 1 }
        for v in current { cc[PopulationStability.bin(of: v, edges: edges)] += 1 }
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

    @Test func kolmogorovDistributionMatchesScipy() {
        for c in Self.data.kstwo {
            let p = KolmogorovDistribution.survival(c.d, n: c.n)
            #expect(close(p, c.sf, relative: 1e-6, absolute: 1e-300), "kstwo.sf(\(c.d), \(c.n)) = \(p) vs \(c.sf)")
        }
    }
}
