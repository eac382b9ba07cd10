import Foundation
import Testing
@testable import ModelTopCore

/// Events built by hand for monitor tests.
struct EventMaker {
    let symbols = SymbolTable()
    var batch = EventBatch()

    func s(_ name: String) -> Symbol { symbols.intern(name) }

    mutating func prediction(_ model: String, t: Double, _ prediction: Value, id: Double? = nil, label: Value? = nil,
                             score: Double? = nil, latency: Double? = nil, node: String = "n",
                             features: [String: Value] = [:], version: String? = nil) {
        let event = Event(kind: .prediction, model: s(model), node: s(node), version: version.map(s), time: t,
                          prediction: prediction, label: label, id: id.map { JoinKey(number: $0) }, score: score,
                          latency: latency)
        batch.append(event, features: features.sorted { $0.key < $1.key }.map { .init(name: s($0.key), value: $0.value) })
    }

    mutating func label(_ model: String, t: Double, id: Double, _ label: Value) {
        batch.append(Event(kind: .label, model: s(model), node: s("n"), time: t, label: label, id: JoinKey(number: id)))
    }

    mutating func metric(_ model: String, t: Double, _ name: String, _ value: Double, node: String = "n") {
        batch.append(Event(kind: .metric, model: s(model), node: s(node), time: t, metric: s(name), value: value))
    }
}

@Suite struct MonitorTests {
    /// A streaming monitor with panes and unlimited samples, merged over all its panes, gives
    /// the same numbers as the exact one-pane monitor: pane merge equals one pass end to end.
    @Test func panesMergedEqualOnePass() throws {
        var maker = EventMaker()
        var random = TestRandom(state: 5)
        for i in 0..<3000 {
            let x = random.uniform() * (i < 1000 ? 1 : 1.3)
            let category = ["a", "b", "c"][Int(random.next() % 3)]
            maker.prediction("m", t: Double(i), .number(x > 0.5 ? 1 : 0), id: Double(i), score: x, latency: x * 100,
                             features: ["x": .number(x), "c": .string(maker.s(category)), "k": .number(Double(i % 7))])
            if i % 2 == 0 { maker.label("m", t: Double(i) + 30, id: Double(i), .number(random.uniform() < x ? 1 : 0)) }
        }
        var exactConfiguration = MonitorConfiguration.exact
        exactConfiguration.referenceSize = 1000
        var streaming = exactConfiguration  // panes of a minute, samples unlimited
        streaming.paneSeconds = 60
        streaming.panes = 100
        streaming.window = 100
        var exact = FleetMonitor(configuration: exactConfiguration, symbols: maker.symbols)
        var panes = FleetMonitor(configuration: streaming, symbols: maker.symbols)
        exact.apply(maker.batch)
        panes.apply(maker.batch)
        let a = ModelSnapshot(exact.models[0], window: exact.windowRange()!, symbols: maker.symbols)
        let b = ModelSnapshot(panes.models[0], window: 0...100, symbols: maker.symbols)
        #expect(b.merged.predictions == 3000)
        #expect(a.accuracy == b.accuracy)
        #expect(a.merged.outcomes.rocAUC == b.merged.outcomes.rocAUC)
        #expect(a.merged.latency == b.merged.latency)
        // The first 1000 predictions are the reference: not compared with themselves.
        #expect(b.features.map(\.drift.currentCount) == [2000, 2000, 2000])
        #expect(a.features.map(\.drift.currentCount) == [2000, 2000, 2000])
        for (fa, fb) in zip(a.features + [a.predictionDrift!], b.features + [b.predictionDrift!]) {
            #expect(fa.drift.referenceCount == fb.drift.referenceCount)
            #expect(fa.drift.kind == fb.drift.kind)
            #expect(fa.drift.psi == fb.drift.psi)
            #expect(fa.drift.ks == fb.drift.ks)
            #expect(fa.drift.chiSquare == fb.drift.chiSquare)
            #expect(fa.drift.missingRate == fb.drift.missingRate)
        }
    }

    @Test func labelsJoinInEitherOrderWithinTheTTL() {
        var join = LabelJoin(ttl: 100, capacity: 3)
        let p = { (t: Double) in LabelJoin.Prediction(value: .number(1), score: nil, pane: 0, isReference: false, time: t) }
        let key = { (i: Double) in JoinKey(number: i) }
        #expect(join.add(p(0), key: key(1), now: 0) == nil)
        #expect(join.add(label: .number(1), key: key(1), time: 50, now: 50)?.time == 0)  // joined
        #expect(join.add(label: .number(0), key: key(2), time: 60, now: 60) == nil)  // label first
        #expect(join.add(p(61), key: key(2), now: 61)?.1 == .number(0))
        #expect(join.add(p(70), key: key(3), now: 70) == nil)
        #expect(join.add(label: .number(1), key: key(3), time: 200, now: 200) == nil)  // prediction expired
        #expect(join.expiredPredictions == 1)
        for i in 10..<15 { _ = join.add(p(200), key: key(Double(i)), now: 200) }
        #expect(join.pendingPredictions == 3)  // capacity
        #expect(join.expiredPredictions == 3)
        #expect(join.pendingLabels == 1)  // its prediction expired: it waits, it is not unmatched yet
        #expect(join.unmatchedLabels == 0)
    }

    @Test func latencyQuantilesAreWithinTheStatedBound() {
        var random = TestRandom(state: 3)
        var histogram = LatencyHistogram()
        var values: [Double] = []
        for _ in 0..<20_000 {
            let v = -log(random.uniform() + 1e-12) * 20 + 0.01
            values.append(v)
            histogram.update(v)
        }
        values.sort()
        let qs = [0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1]
        // From one sort of the buckets, as a report asks for p50, p95 and p99.
        let together = histogram.quantiles(qs)
        for (q, estimate) in zip(qs, together) {
            let exact = values[max(Int((q * Double(values.count)).rounded(.up)), 1) - 1]  // nearest rank
            #expect(abs(estimate! - exact) / exact <= 0.002, "q\(q): \(estimate!) vs \(exact)")
            #expect(histogram.quantile(q) == estimate)
        }
        // Values in separate buckets: each nearest rank is its own value's bucket.
        var four = LatencyHistogram()
        for v in [40.0, 10, 30, 20] { four.update(v) }
        let mids = [10.0, 20, 30, 40].map { LatencyHistogram.midpoint(of: LatencyHistogram.bucket(of: $0)) }
        #expect(four.quantiles([0.25, 0.5, 0.5, 0.75, 1]) == [mids[0], mids[1], mids[1], mids[2], mids[3]])
        #expect(LatencyHistogram().quantile(0.5) == nil)
        #expect(LatencyHistogram().quantiles([0.5, 0.99]) == [nil, nil])
        var zero = LatencyHistogram()
        zero.update(0)
        zero.update(-1)
        #expect(zero.quantile(0.99) == 0)
    }

    @Test func reservoirIsBoundedUniformAndDeterministic() {
        var a = Reservoir(limit: 100, seed: 7), b = Reservoir(limit: 100, seed: 7)
        for i in 0..<10_000 {
            a.update(Double(i))
            b.update(Double(i))
        }
        #expect(a == b)
        #expect(a.values.count == 100)
        #expect(a.weight == 100)
        let mean = a.values.reduce(0, +) / 100
        #expect(abs(mean - 5000) < 1000)  // uniform over the stream, not its start
        var all = Reservoir(limit: nil, seed: 1)
        for i in 0..<500 { all.update(Double(i)) }
        #expect(all.values == (0..<500).map(Double.init))
    }

    /// Latency buckets from the bits equal frexp's (normal numbers, powers of two and the
    /// numbers next to them, subnormals).
    @Test func latencyBucketsMatchFrexp() {
        func reference(_ value: Double) -> Int32 {
            guard value > 0, value.isFinite else { return 0 }
            var exponent: Int32 = 0
            let mantissa = frexp(value, &exponent)
            return (exponent + 1100) * 256 + Int32((mantissa - 0.5) * 2 * 256) + 1
        }
        var random = TestRandom(state: 9)
        var values: [Double] = [0, -1, .nan, .infinity, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude]
        for e in -1074...1023 { values += [pow(2, Double(e)), pow(2, Double(e)).nextUp, pow(2, Double(e)).nextDown] }
        for _ in 0..<100_000 { values.append(exp(random.uniform() * 60 - 30)) }
        for v in values where LatencyHistogram.bucket(of: v) != reference(v) {
            Issue.record("\(v): \(LatencyHistogram.bucket(of: v)) vs \(reference(v))")
            return
        }
    }

    /// ROC AUC over several merged samples with many tied scores: the pair count by brute force.
    @Test func rocAUCCountsPairsWithTies() throws {
        var random = TestRandom(state: 5)
        var parts: [Outcomes] = []
        var points: [(score: Double, positive: Bool)] = []
        for _ in 0..<3 {
            var o = Outcomes(sampleLimit: nil, seed: 0)
            for _ in 0..<4000 {
                let score = (random.uniform() * 20).rounded() / 20, positive = random.uniform() < score
                o.update(prediction: .number(score > 0.5 ? 1 : 0), label: .number(positive ? 1 : 0), score: score)
                points.append((score, positive))
            }
            parts.append(o)
        }
        var merged = parts[0]
        merged.merge(parts[1])
        merged.merge(parts[2])
        let positives = points.filter(\.positive).map(\.score), negatives = points.filter { !$0.positive }.map(\.score)
        var wins = 0.0
        for p in positives {
            for n in negatives { wins += p > n ? 1 : p == n ? 0.5 : 0 }
        }
        let expected = wins / Double(positives.count * negatives.count)
        #expect(abs(try #require(merged.rocAUC) - expected) < 1e-12)
        #expect(abs(try #require(parts[0].rocAUC) - 0.5) > 0.1)
    }

    @Test func outcomesMetrics() throws {
        var o = Outcomes(sampleLimit: nil, seed: 0)
        let pairs: [(Double, Double, Double)] = [(1, 1, 0.9), (1, 0, 0.8), (0, 0, 0.8), (0, 1, 0.3), (1, 1, 0.7), (0, 0, 0.1)]
        for (p, l, s) in pairs { o.update(prediction: .number(p), label: .number(l), score: s) }
        #expect(o.accuracy == 4.0 / 6)
        #expect(o.precision == 2.0 / 3)
        #expect(o.recall == 2.0 / 3)
        #expect(o.f1 == 2.0 / 3)
        // Positives 0.9, 0.3, 0.7; negatives 0.8, 0.8, 0.1: pairs won 2 + 0 + 0... counted by hand:
        // 0.9 beats 3; 0.7 beats 1; 0.3 beats 1 -> 5 of 9.
        #expect(try #require(o.rocAUC) == 5.0 / 9)
        #expect(Outcomes.matches(.bool(true), .number(1)))
        #expect(Outcomes.matches(.number(1), .number(1.0)))
        #expect(!Outcomes.matches(.number(2), .bool(true)))
        var regression = Outcomes(sampleLimit: nil, seed: 0)
        regression.update(prediction: .number(10), label: .number(12), score: nil)
        regression.update(prediction: .number(5), label: .number(1), score: nil)
        #expect(regression.meanAbsoluteError == 3)
        #expect(regression.rootMeanSquaredError == (10.0).squareRoot())
    }

    /// Macro averages as sklearn's precision_recall_fscore_support(average="macro",
    /// zero_division=0), worked by hand: a (p 1, r 2/3, F1 0.8), b (1/2, 1/2, 1/2),
    /// c (1/3, 1/2, 0.4), and d, only predicted (0, 0, 0).
    @Test func macroAveragesLikeSklearn() throws {
        let symbols = SymbolTable()
        var o = Outcomes(sampleLimit: nil, seed: 0)
        let truth = ["a", "b", "c", "a", "b", "c", "a"], predicted = ["a", "b", "b", "a", "c", "c", "c"]
        for (p, l) in zip(predicted, truth) {
            o.update(prediction: .string(symbols.intern(p)), label: .string(symbols.intern(l)), score: nil)
        }
        var macro = try #require(o.macro)
        #expect(abs(macro.precision - (1 + 0.5 + 1.0 / 3) / 3) < 1e-15)
        #expect(abs(macro.recall - (2.0 / 3 + 0.5 + 0.5) / 3) < 1e-15)
        #expect(abs(macro.f1 - (0.8 + 0.5 + 0.4) / 3) < 1e-15)
        o.update(prediction: .string(symbols.intern("d")), label: .string(symbols.intern("a")), score: nil)
        macro = try #require(o.macro)
        #expect(abs(macro.precision - (1 + 0.5 + 1.0 / 3 + 0) / 4) < 1e-15)
        #expect(o.accuracy == 4.0 / 8)
        // A bool label is the class of the number it equals.
        var mixed = Outcomes(sampleLimit: nil, seed: 0)
        mixed.update(prediction: .number(1), label: .bool(true), score: nil)
        #expect(mixed.classTallies.count == 1)
        #expect(mixed.macro?.precision == 1)
    }

    @Test func theTaskFollowsTheRule() {
        func task(_ values: [Value]) -> ModelTask? {
            var evidence = TaskEvidence()
            for v in values { evidence.add(v) }
            return evidence.inferred
        }
        let s = Symbol(rawValue: 1)
        #expect(task([.number(0), .number(1), .bool(true)]) == .binary)
        #expect(task([.number(0), .number(1), .number(2)]) == .regression)  // a count regressor
        #expect(task([.number(1), .number(2), .number(3)]) == .regression)  // integers: regression unless configured
        #expect(task([.number(1), .string(s)]) == .multiclass)
        #expect(task([.null]) == nil)
    }

    @Test func severityFollowsTheThresholds() {
        var maker = EventMaker()
        // Reference: x uniform on [0, 1); then a window where x moves up.
        for i in 0..<400 {
            let x = Double(i % 100) / 100
            maker.prediction("m", t: Double(i), .number(1), label: .number(1), features: ["x": .number(x)])
        }
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 200
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        var snapshot = ModelSnapshot(monitor.models[0], window: monitor.windowRange()!, symbols: maker.symbols)
        #expect(snapshot.severity == .ok)
        for i in 400..<800 {
            maker.prediction("m", t: Double(i), .number(1), label: .number(i % 3 == 0 ? 0 : 1), features: ["x": .number(0.95)])
        }
        monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        snapshot = ModelSnapshot(monitor.models[0], window: monitor.windowRange()!, symbols: maker.symbols)
        #expect(snapshot.severity == .alert)
        guard case .drift(let feature, let psi)? = snapshot.findings.first?.reason else {
            Issue.record("the worst finding should be drift: \(snapshot.findings)")
            return
        }
        #expect(feature == maker.s("x"))
        #expect(psi >= configuration.thresholds.psiAlert)
        #expect(snapshot.findings.contains { if case .accuracyDrop = $0.reason { true } else { false } })
    }

    @Test func windowsFollowTheEventTimeClock() {
        var maker = EventMaker()
        var configuration = MonitorConfiguration()
        configuration.paneSeconds = 10
        configuration.panes = 6
        configuration.window = 2
        configuration.referenceSize = 5
        for t in stride(from: 0.0, to: 100, by: 1) { maker.prediction("busy", t: t, .number(1)) }
        for t in stride(from: 0.0, to: 30, by: 1) { maker.prediction("quiet", t: t, .number(1)) }
        maker.metric("busy", t: 99, "error_rate", 0.25)
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.apply(maker.batch)
        #expect(monitor.windowRange() == 8...9)
        let busy = ModelSnapshot(monitor.model(maker.s("busy"))!, window: monitor.windowRange()!, symbols: maker.symbols)
        let quiet = ModelSnapshot(monitor.model(maker.s("quiet"))!, window: monitor.windowRange()!, symbols: maker.symbols)
        #expect(busy.merged.predictions == 20)
        #expect(busy.throughput == 1)
        #expect(busy.metricMean(maker.s("error_rate")) == 0.25)
        #expect(quiet.merged.predictions == 0)  // a silent model shows an empty window
        #expect(quiet.throughput == 0)
        // Events older than the history are counted, not stored.
        maker.batch.removeAll()
        maker.prediction("busy", t: 1, .number(1))
        monitor.apply(maker.batch)
        #expect(monitor.model(maker.s("busy"))!.totals.late == 1)
    }
}
