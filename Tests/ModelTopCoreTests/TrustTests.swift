import Testing
@testable import ModelTopCore

/// The rules that keep the numbers honest (docs/statistics.md), each with its minimal case.
@Suite struct TrustTests {
    func snapshot(_ monitor: FleetMonitor, _ model: String = "m") -> ModelSnapshot {
        ModelSnapshot(monitor.model(monitor.symbols.intern(model))!, window: monitor.windowRange()!, symbols: monitor.symbols,
                      now: monitor.clock)
    }

    /// Integers compare exactly: ids above 2^53 that a double cannot tell apart still join
    /// their own labels; an integral double joins its integer.
    @Test func joinKeysOfLargeIntegersAreExact() {
        let a: Int64 = 1_795_046_400_123_456_000, b = a + 1
        #expect(Double(a) == Double(b))  // what went wrong before
        #expect(JoinKey(integer: a) != JoinKey(integer: b))
        #expect(JoinKey(number: 1) == JoinKey(integer: 1))
        #expect(JoinKey(number: 1.0) == JoinKey(unsigned: 1))
        #expect(JoinKey(number: -0.0) == JoinKey(integer: 0))
        #expect(JoinKey(unsigned: UInt64.max) != JoinKey(unsigned: UInt64.max - 1))
        #expect(JoinKey(number: 1.5) != JoinKey(number: 1.25))
        #expect(JoinKey(string: "1") != JoinKey(integer: 1))
        #expect(JoinKey(integer: -5) != JoinKey(integer: 5))
    }

    @Test func snowflakeIdsJoinTheirOwnLabels() {
        var maker = EventMaker()
        let s = maker.s("s")
        let a: Int64 = 1_795_046_400_123_456_000
        for (t, id, p) in [(1.0, a, 1.0), (2.0, a + 1, 0.0)] {
            maker.batch.append(Event(kind: .prediction, model: s, node: s, time: t, prediction: .number(p), id: JoinKey(integer: id)))
        }
        for (t, id, l) in [(3.0, a, 1.0), (4.0, a + 1, 0.0)] {
            maker.batch.append(Event(kind: .label, model: s, node: s, time: t, label: .number(l), id: JoinKey(integer: id)))
        }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 1
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        monitor.finish()
        let model = monitor.models[0]
        // The first prediction is the reference: its label joins there, the second in the window.
        #expect(model.referenceOutcomes.joined == 1)
        #expect(model.referenceOutcomes.accuracy == 1)
        let snap = snapshot(monitor, "s")
        #expect(snap.merged.outcomes.joined == 1)
        #expect(snap.accuracy == 1)
        #expect(snap.pendingPredictions == 0 && snap.expiredPredictions == 0)
    }

    /// A string in a numeric feature is left out of the statistics and counted.
    @Test func mismatchedValuesAreCounted() {
        var maker = EventMaker()
        for i in 0..<10 { maker.prediction("m", t: Double(i), .number(1), features: ["x": .number(Double(i))]) }
        maker.prediction("m", t: 10, .number(1), features: ["x": .string(maker.s("n/a"))])
        maker.prediction("m", t: 11, .number(1), features: ["x": .bool(true)])
        maker.prediction("m", t: 12, .number(1), features: ["x": .number(3)])
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 10
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let x = snapshot(monitor).features[0].drift
        #expect(x.kind == .numeric)
        #expect(x.mismatched == 2)
        #expect(x.currentCount == 1)
        #expect(x.missingRate == 0)  // present, but of the wrong kind
    }

    /// The category cap applies to both sides alike: identical data with 1,200 categories
    /// does not drift.
    @Test(arguments: [nil, 4096] as [Int?])
    func theCategoryCapInventsNoDrift(sampleLimit: Int?) {
        var maker = EventMaker()
        let categories = (0..<1200).map { maker.s("c\($0)") }
        var t = 0.0
        for round in 0..<2 {  // the reference, then the same data again
            for (i, c) in categories.enumerated() {
                for _ in 0..<(i < 1000 ? 3 : 1) {
                    maker.prediction("m", t: t, .number(1), features: ["c": .string(c)])
                    t += round == 0 ? 0.001 : 0.01
                }
            }
        }
        var configuration = sampleLimit == nil ? MonitorConfiguration.exact : MonitorConfiguration()
        configuration.sampleLimit = sampleLimit
        configuration.referenceSize = 3200
        if sampleLimit != nil {
            configuration.paneSeconds = 10
            configuration.panes = 10
            configuration.window = 10
        }
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let snap = snapshot(monitor)
        let c = snap.features[0].drift
        #expect(c.capped)
        #expect(c.psi == 0)
        #expect(c.chiSquare?.degreesOfFreedom == 1000)  // 1000 kept + (other)
        #expect(snap.severity == .ok)
        #expect(monitor.models[0].reference?.features[maker.s("c")]?.categories.count == 1001)
    }

    /// A stream reference is not compared with itself; a report shorter than the reference
    /// says that nothing is left to compare.
    @Test func aStreamReferenceIsNotPartOfTheWindow() {
        var maker = EventMaker()
        for i in 0..<30 { maker.prediction("m", t: Double(i), .number(1), label: .number(1), features: ["x": .number(Double(i))]) }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 20
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        var snap = snapshot(monitor)
        #expect(snap.merged.predictions == 30)
        #expect(snap.merged.featurePredictions == 10)
        #expect(snap.features[0].drift.currentCount == 10)
        #expect(snap.merged.outcomes.joined == 10)
        #expect(snap.referenceOutcomes.joined == 20)
        #expect(snap.notices.isEmpty)
        configuration.referenceSize = 50
        monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        monitor.finish()
        snap = snapshot(monitor)
        #expect(snap.notices == [.referenceIsWholeInput(predictions: 30)])
        #expect(snap.features[0].drift.psi == nil)
        #expect(snap.status == .insufficient(have: 0, need: configuration.thresholds.minimumSamples))
    }

    /// Joins still waiting at the end of a report are pending, not expired or unmatched; past
    /// the TTL at the final clock they are.
    @Test func pendingJoinsAreReportedApart() {
        var maker = EventMaker()
        maker.prediction("m", t: 0, .number(1), id: 1)  // the reference
        maker.prediction("m", t: 10, .number(1), id: 2)  // expires: the clock ends at 5000
        maker.prediction("m", t: 4000, .number(1), id: 3)  // pending
        maker.label("m", t: 4500, id: 99, .number(1))  // pending: no prediction yet
        maker.label("m", t: 5000, id: 4, .number(1))
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 1
        configuration.labelTTL = 3600
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        monitor.finish()
        let snap = snapshot(monitor)
        #expect(snap.expiredPredictions == 2)  // ids 1 and 2
        #expect(snap.pendingPredictions == 1)
        #expect(snap.pendingLabels == 2)
        #expect(snap.unmatchedLabels == 0)
    }

    /// The final eviction looks at every waiting entry, whatever order they arrived in (files
    /// read merged by time arrive slightly out of order).
    @Test func theFinalEvictionDoesNotDependOnArrivalOrder() {
        var join = LabelJoin(ttl: 100, capacity: 100)
        let p = { (t: Double) in LabelJoin.Prediction(value: .number(1), score: nil, pane: 0, isReference: false, time: t) }
        _ = join.add(p(500), key: JoinKey(integer: 1), now: 500)  // a newer one first
        _ = join.add(p(10), key: JoinKey(integer: 2), now: 500)
        _ = join.add(p(20), key: JoinKey(integer: 3), now: 500)
        join.expire(now: 550)
        #expect(join.pendingPredictions == 3)  // the FIFO stops at the newer head
        join.expireAll(now: 550)
        #expect(join.pendingPredictions == 1)
        #expect(join.expiredPredictions == 2)
    }

    /// An event far ahead of the clock is out of range and does not move the clock.
    @Test func eventsFarAheadDoNotMoveTheClock() {
        var maker = EventMaker()
        maker.prediction("m", t: 1000, .number(1))
        maker.prediction("m", t: 1000 + 2 * 86_400, .number(1))
        maker.prediction("m", t: 1010, .number(1))
        var monitor = FleetMonitor(configuration: MonitorConfiguration(), symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(monitor.clock == 1010)
        #expect(monitor.outOfRange == 1)
        #expect(monitor.models[0].totals.predictions == 2)
    }

    /// Latency and error-rate thresholds (off by default) raise the severity.
    @Test func latencyAndErrorsJudgeWhenConfigured() {
        var maker = EventMaker()
        for i in 0..<400 { maker.prediction("m", t: Double(i), .number(1), latency: i < 200 ? 10 : 900) }
        maker.metric("m", t: 400, "error_rate", 0.08)
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 100
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(snapshot(monitor).findings.isEmpty)  // off by default
        configuration.thresholds.p99LatencyWarn = 250
        configuration.thresholds.p99LatencyAlert = 800
        configuration.thresholds.errorRateWarn = 0.05
        monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let snap = snapshot(monitor)
        #expect(snap.severity == .alert)
        guard case .latency(let p99, let threshold)? = snap.findings.first?.reason else {
            Issue.record("latency first: \(snap.findings)")
            return
        }
        #expect(p99 > 800 && threshold == 800)
        #expect(snap.findings.contains { $0.severity == .warn && $0.reason == .errorRate(rate: 0.08, threshold: 0.05) })
    }

    /// A node is judged slow from half of `min_samples` latencies in the window, not from the
    /// largest of a few: with one latency fewer, 100 ms against two nodes at 10 ms is not slow;
    /// with 50 more it is.
    @Test func nodesAreJudgedSlowFromEnoughLatencies() {
        func slowNodes(slowCount: Int) -> [String] {
            var maker = EventMaker()
            var t = 0.0
            for _ in 0..<300 {
                for node in ["a", "b"] {
                    maker.prediction("m", t: t, .number(1), latency: 10, node: node)
                    t += 0.1
                }
            }
            for _ in 0..<slowCount {
                maker.prediction("m", t: t, .number(1), latency: 100, node: "c")
                t += 0.1
            }
            var configuration = MonitorConfiguration.exact
            configuration.referenceSize = 100
            var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
            monitor.apply(maker.batch)
            let model = monitor.model(maker.s("m"))!
            return NodeHealth.assess(model, snapshot: snapshot(monitor), clock: monitor.clock!).filter(\.slow)
                .map { maker.symbols.name($0.node) }
        }
        let minimum = AlertThresholds().minimumNodeLatencies
        #expect(minimum == 100)
        #expect(slowNodes(slowCount: minimum - 1) == [])
        #expect(slowNodes(slowCount: minimum + 50) == ["c"])
    }

    /// The accuracy a summary row shows agrees with the status: the realized one on enough
    /// labels, else the estimate (marked), else the realized one (no estimate to show).
    @Test func headlineAccuracyIsRealizedOnlyOnEnoughLabels() throws {
        var maker = EventMaker()
        for i in 0..<300 {
            let score = Double(i % 100) / 100
            maker.prediction("m", t: Double(i), .number(score >= 0.5 ? 1 : 0), label: .number(i % 3 == 0 ? 0 : 1), score: score)
        }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 250
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let snap = snapshot(monitor)
        #expect(snap.merged.outcomes.joined == 50)
        let few = snap.headlineAccuracy(minimumLabels: 200)
        let estimate = try #require(snap.estimated?.accuracy)  // calibrated on the reference's 250 labels
        #expect(few.value == estimate && few.estimated)
        let enough = snap.headlineAccuracy(minimumLabels: 50)
        #expect(enough.value == snap.accuracy && !enough.estimated)
    }

    /// What is not judged yet says so.
    @Test func statusSaysWhatIsNotJudgedYet() {
        var maker = EventMaker()
        for i in 0..<50 { maker.prediction("m", t: Double(i), .number(1), features: ["x": .number(Double(i))]) }
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 40
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(snapshot(monitor).status == .insufficient(have: 10, need: 200))
        configuration.referenceSize = 100
        monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(snapshot(monitor).status == .collecting(have: 50, need: 100))
    }

    @Test func aConfiguredTaskOverridesTheRule() {
        var maker = EventMaker()
        for i in 0..<10 { maker.prediction("m", t: Double(i), .number(Double(i % 3 + 1)), label: .number(Double(i % 3 + 1))) }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 2
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(snapshot(monitor).task == .regression)
        #expect(snapshot(monitor).accuracy == nil)
        configuration.tasks = ["m": .multiclass]
        monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(snapshot(monitor).task == .multiclass)
        #expect(snapshot(monitor).accuracy == 1)
        #expect(snapshot(monitor).merged.outcomes.macro?.f1 == 1)
    }
}
