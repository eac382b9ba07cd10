import Testing
@testable import ModelTopCore

/// Figures per model version: counted apart once a second version shows up (panes the first
/// served alone are seeded from the model's), labels joined to their prediction's version,
/// and the tests between versions.
@Suite struct VersionTests {
    /// v1 alone for 20 minutes, then v1 and v2 alternate; v1 is right 90% of the time, v2 70%.
    /// Labels come by id two minutes later, so some of v1's arrive after v2 appeared.
    static func canary() -> (EventMaker, FleetMonitor) {
        var maker = EventMaker()
        var c = MonitorConfiguration()
        c.sampleLimit = nil
        c.referenceSize = 100
        c.window = 60
        for i in 0..<4000 {
            let t = Double(i) * 0.6  // 40 minutes
            let version = i < 2000 || i % 2 == 0 ? "v1" : "v2"
            let k = i < 2000 ? i : i / 2  // each version's own count
            let right = version == "v1" ? k % 10 != 0 : k % 10 < 7
            let x = Double(i % 50) + (version == "v2" ? 10 : 0)
            maker.prediction("m", t: t, .number(1), id: Double(i), latency: version == "v2" ? 30 : 10,
                             features: ["x": .number(x)], version: version)
            maker.label("m", t: t + 120, id: Double(i), .number(right ? 1 : 0))
        }
        var monitor = FleetMonitor(configuration: c, symbols: maker.symbols)
        monitor.apply(maker.batch)
        return (maker, monitor)
    }

    @Test func versionsAreCountedApartAndAddUp() throws {
        let (maker, monitor) = Self.canary()
        let model = try #require(monitor.models.first)
        #expect(model.statisticsVersions == [maker.s("v1"), maker.s("v2")])
        #expect(model.versionFirstSeen[maker.s("v2")] == 2001 * 0.6)
        let window = try #require(monitor.windowRange())
        let snapshot = ModelSnapshot(model, window: window, symbols: maker.symbols, now: monitor.clock, versions: true)
        #expect(snapshot.versions.map { maker.symbols.name($0.version) } == ["v1", "v2"])  // most served first
        let v1 = snapshot.versions[0], v2 = snapshot.versions[1]
        // Predictions: v1 2000 alone (100 of them the reference) + 1000; v2 1000.
        #expect(v1.predictions + v2.predictions == snapshot.merged.predictions)
        #expect(v2.predictions == 1000)
        #expect(abs(v1.share + v2.share - 1) < 1e-12)
        // Labels of v1's predictions made before v2 showed up (joined after) count for v1.
        let (v1Correct, v1Joined) = (v1.merged.outcomes.correct, v1.merged.outcomes.joined)
        #expect(v1Joined + v2.merged.outcomes.joined == snapshot.merged.outcomes.joined)
        #expect(abs(Double(v1Correct) / Double(v1Joined) - 0.9) < 1e-12)
        #expect(abs(try #require(v2.merged.outcomes.accuracy) - 0.7) < 1e-12)
        // The tests against the baseline (the most served: v1).
        #expect(snapshot.baselineVersion == maker.s("v1"))
        #expect(v1.vsBaseline == nil)
        let vs = try #require(v2.vsBaseline)
        let accuracy = try #require(vs.accuracy)
        #expect(accuracy.difference < -0.15 && accuracy.high < 0 && accuracy.pValue < 1e-6)
        #expect(vs.p99Ratio.map { $0 > 2.5 && $0 < 3.5 } == true)
        // v2's x is shifted by 10: drift against the reference, v1's is not.
        let psi = { (v: VersionSnapshot) in v.features.first { maker.symbols.name($0.name) == "x" }?.drift.psi ?? -1 }
        #expect(psi(v2) > 0.25 && psi(v1) < 0.1)
        // Asking for v2 as the baseline turns the comparison round.
        let turned = ModelSnapshot(model, window: window, symbols: maker.symbols, now: monitor.clock, versions: true,
                                   baselineVersion: maker.s("v2"))
        let back = try #require(turned.versions.first { $0.version == maker.s("v1") }?.vsBaseline?.accuracy)
        #expect(abs(back.difference + accuracy.difference) < 1e-12)
    }

    /// The predictions' KS test between versions follows scipy with `.test` (`report`, `check`)
    /// and bounds the exact p-value's cost otherwise (live reports, the versions view): 2,900
    /// against 1,500 shifted predictions, a band of millions of cells.
    @Test func versionPredictionTestIsBoundedWhenLive() throws {
        var maker = EventMaker()
        var c = MonitorConfiguration()
        c.sampleLimit = nil
        c.referenceSize = 100
        c.window = 60
        var state: UInt64 = 3
        for i in 0..<4400 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u = Double(state >> 11) / 9007199254740992.0
            let v2 = i >= 3000
            maker.prediction("m", t: Double(i) * 0.5, .number(u + (v2 ? 0.3 : 0)), id: Double(i), latency: 10,
                             features: ["x": .number(u)], version: v2 ? "v2" : "v1")
        }
        var monitor = FleetMonitor(configuration: c, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let model = try #require(monitor.models.first)
        let window = try #require(monitor.windowRange())
        func test(_ ks: FeatureDrift.KSWork) throws -> (d: Double, p: Double) {
            let s = ModelSnapshot(model, window: window, symbols: maker.symbols, now: monitor.clock, ks: ks, versions: true)
            guard case .ks(let d, let p)? = try #require(s.versions.last?.vsBaseline).predictions else {
                Issue.record("no KS test of the predictions")
                return (0, 0)
            }
            return (d, p)
        }
        let exact = try test(.test), bounded = try test(.boundedTest), view = try test(.none)
        #expect(KolmogorovSmirnov.bandCells(2900, 1400, statistic: exact.d) > KolmogorovSmirnov.boundedExactCells)
        #expect(bounded.p != exact.p && bounded.p < 1e-20 && exact.p < 1e-20, "\(bounded) \(exact)")
        #expect(view.p == bounded.p)
    }

    /// One version: it is the model, with no comparison; no per-version copies are kept.
    @Test func oneVersionIsTheModel() throws {
        var maker = EventMaker()
        for i in 0..<300 { maker.prediction("m", t: Double(i), .number(Double(i % 2)), version: "v7") }
        var c = MonitorConfiguration.exact
        c.referenceSize = 100
        var monitor = FleetMonitor(configuration: c, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let model = try #require(monitor.models.first)
        let snapshot = ModelSnapshot(model, window: try #require(monitor.windowRange()), symbols: maker.symbols, versions: true)
        #expect(snapshot.merged.byVersion.isEmpty)
        #expect(snapshot.versions.count == 1)
        #expect(snapshot.versions[0].predictions == snapshot.merged.predictions)
        #expect(snapshot.versions[0].share == 1)
        #expect(snapshot.versions[0].vsBaseline == nil)
    }

    /// Past the limit, later versions share "(other versions)".
    @Test func versionsPastTheLimitShareOne() throws {
        var maker = EventMaker()
        for i in 0..<200 { maker.prediction("m", t: Double(i), .number(1), version: "v\(i % 12)") }
        var monitor = FleetMonitor(configuration: .exact, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let model = try #require(monitor.models.first)
        #expect(model.statisticsVersions.count == ModelMonitor.versionStatisticsLimit)
        let snapshot = ModelSnapshot(model, window: try #require(monitor.windowRange()), symbols: maker.symbols, versions: true)
        let names = snapshot.versions.map { maker.symbols.name($0.version) }
        #expect(names.count == ModelMonitor.versionStatisticsLimit + 1)
        #expect(names.contains("(other versions)"))
        #expect(snapshot.versions.map(\.predictions).reduce(0, +) == snapshot.merged.predictions)
    }
}
