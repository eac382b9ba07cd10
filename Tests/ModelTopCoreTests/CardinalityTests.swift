import Testing
@testable import ModelTopCore

/// Hostile cardinality (issue 11): models, nodes, versions, metric names and features are
/// capped per MonitorConfiguration, the overflow counted together and never dropped silently.
@Suite struct CardinalityTests {
    static var capped: MonitorConfiguration {
        var c = MonitorConfiguration.exact
        c.referenceSize = 2
        c.maxModels = 3
        c.maxNodes = 2
        c.maxVersions = 2
        c.maxMetrics = 2
        c.maxFeatures = 4
        return c
    }

    @Test func modelsPastTheCapAreCountedAsOtherModels() {
        var maker = EventMaker()
        for i in 0..<10 { maker.prediction("model\(i)", t: Double(i), .number(1)) }
        var monitor = FleetMonitor(configuration: Self.capped, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let names = monitor.models.map { maker.symbols.name($0.name) }
        #expect(names.count == 4)  // three models and "(other models)"
        #expect(names.contains("(other models)"))
        #expect(monitor.modelsOverCap == 7)
        #expect(monitor.models.map(\.totals.predictions).reduce(0, +) == 10)  // nothing dropped
    }

    /// Classes past the class limit: each side of a pair whose class is new at the limit is
    /// counted in classOverflow (both sides of a hit), the kept classes' tallies are exact.
    @Test func classesPastTheLimitAreCountedPerSide() throws {
        let symbols = SymbolTable()
        func v(_ name: String) -> Value { .string(symbols.intern(name)) }
        var outcomes = Outcomes(sampleLimit: nil, seed: 0, classLimit: 2)
        for (p, l) in [("a", "a"), ("b", "c"), ("d", "d"), ("a", "b"), ("c", "a")] {
            outcomes.update(prediction: v(p), label: v(l), score: nil)
        }
        #expect(outcomes.classOverflow == 4)  // c as a label, d on both sides, c as a prediction
        #expect(outcomes.joined == 5 && outcomes.correct == 2)
        let a = try #require(outcomes.classes[Outcomes.classKey(v("a"))])
        let b = try #require(outcomes.classes[Outcomes.classKey(v("b"))])
        #expect((a.predicted, a.truePositives, a.actual) == (2, 1, 2))
        #expect((b.predicted, b.truePositives, b.actual) == (1, 0, 1))
        #expect(outcomes.classes.count == 2)
        // A merge applies the same limit.
        var merged = Outcomes(sampleLimit: nil, seed: 0, classLimit: 2)
        merged.merge(outcomes)
        #expect(merged.classOverflow == 4 && merged.classes.count == 2)
    }

    /// Reference files naming more models than the cap: the first models in the file get a
    /// reference, the rest none (as the stream counts them together).
    @Test func referenceModelsPastTheCapAreLeftOut() {
        var maker = EventMaker()
        for i in 0..<10 { maker.prediction("model\(i % 5)", t: Double(i), .number(1), label: .number(1)) }
        var monitor = FleetMonitor(configuration: Self.capped, symbols: maker.symbols)
        monitor.addReference(maker.batch)
        monitor.finishReferences()
        #expect(Set(monitor.modelsWithReferenceFiles.map { maker.symbols.name($0) }) == ["model0", "model1", "model2"])
    }

    @Test func nodesVersionsAndMetricsPastTheirCaps() {
        var maker = EventMaker()
        let m = maker.s("m")
        for i in 0..<6 {
            maker.batch.append(Event(kind: .prediction, model: m, node: maker.s("node\(i)"), version: maker.s("v\(i)"),
                                     time: Double(i), prediction: .number(1)))
            maker.metric("m", t: Double(i), "metric\(i)", 1, node: "node0")
        }
        var monitor = FleetMonitor(configuration: Self.capped, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let model = monitor.models[0]
        #expect(model.totals.nodesOverCap == 4)
        #expect(model.totals.versionsOverCap == 4)
        #expect(model.totals.metricsOverCap == 4)
        #expect(model.nodeLastSeen.count == 3)  // two nodes and "(other nodes)"
        #expect(model.nodeLastSeen.index(of: maker.s("(other nodes)")) != nil)
    }

    /// The reference keeps at most maxFeatures features; the stream adds features only while
    /// the reference's and the stream's together stay within the cap, but a feature of the
    /// reference always has its slot.
    @Test func featuresOfReferenceAndStreamShareOneCap() {
        var maker = EventMaker()
        // Reference: two predictions with six features (two over the cap of four).
        for t in 0..<2 {
            maker.prediction("m", t: Double(t), .number(1),
                             features: Dictionary(uniqueKeysWithValues: (0..<6).map { ("r\($0)", Value.number(1)) }))
        }
        // Stream: fresh names (no room left), then the reference's own features.
        maker.prediction("m", t: 2, .number(1), features: ["new1": .number(1), "new2": .number(1)])
        maker.prediction("m", t: 3, .number(1), features: ["r0": .number(2), "r1": .number(2)])
        var monitor = FleetMonitor(configuration: Self.capped, symbols: maker.symbols)
        monitor.apply(maker.batch)
        monitor.finish()
        let model = monitor.models[0]
        #expect(model.reference?.features.count == 4)
        #expect(model.totals.featuresOverCap == 2 * 2 + 2)  // two per reference prediction, both new names
        #expect(model.featureNames.map { maker.symbols.name($0) }.sorted() == ["r0", "r1"])
        let snapshot = ModelSnapshot(model, window: monitor.windowRange()!, symbols: monitor.symbols, now: monitor.clock)
        #expect(snapshot.features.count == 4)
    }

    /// Work per event does not grow with the number of distinct names: 20k fresh feature
    /// names per model and 5k nodes stay within the caps (this took minutes when quadratic).
    @Test func floodsOfFreshNamesAreBounded() {
        var maker = EventMaker()
        for i in 0..<20_000 {
            maker.prediction("m", t: Double(i), .number(1), node: "node\(i % 5000)", features: ["f\(i)": .number(1)])
        }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 10
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        monitor.finish()
        let model = monitor.models[0]
        #expect(model.featureNames.count + (model.reference?.features.count ?? 0) <= configuration.maxFeatures)
        #expect(model.totals.featuresOverCap == 20_000 - configuration.maxFeatures)
        #expect(model.nodeLastSeen.count == configuration.maxNodes + 1)
    }
}

@Suite struct AlertTrackerTests {
    @Test func changesAreLoggedOnceAndBounded() {
        var maker = EventMaker()
        for i in 0..<1200 {
            maker.prediction("m", t: Double(i), .number(1), features: ["x": .number(Double(i % 10) + (i >= 600 ? 20 : 0))])
        }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 300
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        let model = monitor.models[0]
        let window = monitor.windowRange()!
        let snapshot = ModelSnapshot(model, window: window, symbols: monitor.symbols, now: monitor.clock, ks: .none)
        var tracker = AlertTracker()
        let first = tracker.update([(snapshot, [])], thresholds: configuration.thresholds, clock: 1199, pane: 0)
        #expect(first.contains { $0.subject == .model && $0.from == nil && $0.to == .alert })
        #expect(first.contains { $0.subject == .feature(maker.s("x")) && $0.to == .alert })
        #expect(tracker.update([(snapshot, [])], thresholds: configuration.thresholds, clock: 1200, pane: 0).isEmpty)
        // A subject first seen OK is no change.
        var quiet = AlertTracker()
        var ok = MonitorConfiguration.exact
        ok.referenceSize = 300
        var calm = EventMaker()
        for i in 0..<1200 { calm.prediction("m", t: Double(i), .number(1), features: ["x": .number(Double(i % 10))]) }
        var calmMonitor = FleetMonitor(configuration: ok, symbols: calm.symbols)
        calmMonitor.apply(calm.batch)
        let calmSnapshot = ModelSnapshot(calmMonitor.models[0], window: calmMonitor.windowRange()!, symbols: calm.symbols,
                                         now: calmMonitor.clock, ks: .none)
        #expect(quiet.update([(calmSnapshot, [])], thresholds: ok.thresholds, clock: 1199, pane: 0).isEmpty)
    }
}
