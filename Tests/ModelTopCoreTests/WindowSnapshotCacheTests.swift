import Testing
@testable import ModelTopCore

/// The snapshots kept between frames and alert checks equal snapshots computed afresh, whatever
/// changed in between: some models' events, only the clock, the window, a re-baseline, merged
/// summaries, the end of the input.
@Suite struct WindowSnapshotCacheTests {
    /// What a snapshot shows, as text: its rates, status, findings, each feature's drift, nodes
    /// and counts.
    static func fingerprint(_ s: ModelSnapshot, symbols: SymbolTable) -> String {
        let features = (s.features + (s.predictionDrift.map { [$0] } ?? [])).map { f in
            "\(symbols.name(f.name)) \(f.drift.psi.map { "\($0)" } ?? "-") \(f.drift.currentCount)/\(f.drift.referenceCount) "
                + "\(f.drift.missingRate.map { "\($0)" } ?? "-") \(f.drift.chiSquare.map { "\($0.statistic)" } ?? "-")"
        }
        let nodes = s.nodes.map { "\(symbols.name($0.name)) \($0.lastSeen) \($0.pane.latency.count)" }
        return [
            "seconds \(s.seconds) throughput \(s.throughput.map { "\($0)" } ?? "-") window \(s.window)",
            "status \(s.status) findings \(s.findings) notices \(s.notices)",
            "totals \(s.totals.predictions) \(s.totals.labelEvents) \(s.totals.metrics) \(s.totals.late)",
            "join \(s.expiredPredictions) \(s.unmatchedLabels) \(s.pendingPredictions) \(s.pendingLabels)",
            "accuracy \(s.accuracy.map { "\($0)" } ?? "-") estimated \(s.estimated?.accuracy.map { "\($0)" } ?? "-")",
            "merged \(s.merged.predictions) \(s.merged.outcomes.joined) \(s.merged.latency.count) \(s.merged.version)",
        ].joined(separator: "\n") + "\n" + features.joined(separator: "\n") + "\n" + nodes.joined(separator: "\n")
    }

    /// Compares every model's kept snapshot with a fresh one; returns how many were compared.
    static func compare(_ cache: inout WindowSnapshotCache, _ monitor: FleetMonitor, _ step: String) -> Int {
        guard let window = monitor.windowRange() else { return 0 }
        for model in monitor.models {
            let kept = cache.snapshot(model, window: window, symbols: monitor.symbols, now: monitor.clock)
            let fresh = ModelSnapshot(model, window: window, symbols: monitor.symbols, now: monitor.clock, ks: .none)
            #expect(fingerprint(kept, symbols: monitor.symbols) == fingerprint(fresh, symbols: monitor.symbols),
                    "\(step), model \(monitor.symbols.name(model.name))")
        }
        return monitor.models.count
    }

    /// Events ~100 at a time over 40 minutes of one-minute panes (both models change, labels
    /// come late, a second version starts, the window slides); after each step a metric of one
    /// model only moves the clock, so the other's snapshot is kept with its rate at the new
    /// clock; one model is re-baselined half-way; the input ends, and a third model, quiet since
    /// its first 30 predictions, gets its reference of them.
    @Test(arguments: [nil, 16] as [Int?])
    func keptSnapshotsEqualFreshOnes(sample: Int?) throws {
        let side = SummaryTests.events()
        var monitor = SummaryTests.monitor(SummaryTests.configuration(sample: sample, window: 10, panes: 30), side)
        var cache = WindowSnapshotCache()
        let m = side.events.symbols.intern("m")
        var compared = 0, rebaselined = false
        // A model without a reference file and too few predictions for one: the end of the input
        // makes its reference of what it has.
        var few = side.events
        few.batch = EventBatch()
        for i in 0..<30 { few.prediction("s", t: 10_000 + Double(i), .number(1), features: ["z": .number(Double(i % 4))]) }
        monitor.apply(few.batch)
        let parts = side.events.batch.parts(of: 97)
        for (n, part) in parts.enumerated() {
            monitor.apply(part)
            compared += Self.compare(&cache, monitor, "part \(n)")
            var metric = side.events
            metric.batch = EventBatch()
            metric.metric("m", t: try #require(monitor.clock) + 3, "queue", 1, node: "n0")
            monitor.apply(metric.batch)
            compared += Self.compare(&cache, monitor, "metric after part \(n)")
            if !rebaselined, n > parts.count / 2 {
                monitor.rebaseline(m)
                rebaselined = true
                compared += Self.compare(&cache, monitor, "re-baseline at part \(n)")
            }
        }
        monitor.finish()
        compared += Self.compare(&cache, monitor, "finished")
        #expect(compared > 300)
    }

    /// The merging side of workers' summaries: kept snapshots equal fresh ones after each block.
    @Test func keptSnapshotsEqualFreshOnesWhileMergingSummaries() throws {
        var cache = WindowSnapshotCache()
        var compared = 0, blocks = 0
        _ = try SummaryTests.merged(workers: 3, every: 97, configuration: SummaryTests.configuration(sample: nil, window: 10, panes: 30)) {
            blocks += 1
            compared += Self.compare(&cache, $0, "block \(blocks)")
        }
        #expect(compared > 100)
    }
}
