import Testing
@testable import ModelTopCore

/// Pane summaries: workers on disjoint parts of the events, their blocks encoded, decoded in
/// another process's symbol table and merged, give the figures one process has over all events.
@Suite struct SummaryTests {
    /// Two models (a versioned binary classifier with scores, labels by id and metrics; a
    /// regressor), 40 minutes, v2 from the 15th minute. `junk` names are interned first so the
    /// merging side's symbols differ from the workers'.
    static func events(junk: Int = 0) -> (reference: EventMaker, events: EventMaker) {
        var reference = EventMaker()
        for i in 0..<junk { _ = reference.s("junk\(i)") }
        var maker = reference  // the same symbol table
        var random = TestRandom(state: 11)
        for i in 0..<2000 {
            let x = random.uniform() * 10
            reference.prediction("m", t: Double(i), .number(x > 5 ? 1 : 0), label: .number(random.uniform() < x / 10 ? 1 : 0),
                                 score: x / 10, features: ["x": .number(x), "c": .string(reference.s(["a", "b", "c"][i % 3]))])
            reference.prediction("r", t: Double(i), .number(x * 2), label: .number(x * 2 + 1), features: ["y": .number(x)])
        }
        maker.batch = EventBatch()
        for i in 0..<6000 {
            let t = 10_000 + Double(i) * 0.4
            let version = i < 2250 || i % 3 != 0 ? "v1" : "v2"
            let x = random.uniform() * (version == "v2" ? 12 : 10)
            let category = ["a", "b", "c", "d"][Int(random.next() % (i > 4000 ? 4 : 3))]
            maker.prediction("m", t: t, .number(x > 5 ? 1 : 0), id: Double(i), score: min(x / 10, 1), latency: 5 + x,
                             node: "n\(i % 4)", features: ["x": .number(x), "c": .string(maker.s(category))], version: version)
            if i % 5 != 0 { maker.label("m", t: t + 90, id: Double(i), .number(random.uniform() < x / 10 ? 1 : 0)) }
            if i % 2 == 0 {
                maker.prediction("r", t: t, .number(x * 2), id: Double(100_000 + i), label: .number(x * 2 + random.uniform()),
                                 node: "n\(i % 3)", features: ["y": .number(x + (i > 3000 ? 1 : 0))])
            }
            if i % 50 == 0 { maker.metric("m", t: t, "error_rate", random.uniform() / 10, node: "n\(i % 4)") }
        }
        return (reference, maker)
    }

    /// Panes of a minute, `panes` kept, a window of `window`, `sample` values per pane (nil: all).
    static func configuration(sample: Int?, window: Int, panes: Int, emits: Bool = false) -> MonitorConfiguration {
        var c = MonitorConfiguration()
        c.sampleLimit = sample
        c.window = window
        c.panes = panes
        c.emitsSummaries = emits
        return c
    }

    /// A worker's summary record (its settings are filled in by takeSummaries).
    static func worker(_ instance: UInt64, sequence: Int = 0) -> WorkerSummary {
        WorkerSummary(instance: instance, name: "w\(instance)", sequence: sequence, wallTime: 0, paneSeconds: 60, sampleLimit: nil,
                      maxCategories: 1000, clock: nil, outOfRange: 0, modelsOverCap: 0, lines: 0, events: 0, malformed: 0)
    }

    static func monitor(_ configuration: MonitorConfiguration, _ pair: (reference: EventMaker, events: EventMaker)) -> FleetMonitor {
        var monitor = FleetMonitor(configuration: configuration, symbols: pair.events.symbols)
        monitor.addReference(pair.reference.batch)
        monitor.finishReferences()
        return monitor
    }

    /// Runs `workers` workers (events split by join id, metrics by position), taking a block every
    /// `every` events, and merges their blocks on the other side (`absorbed` sees the merging
    /// side after each block).
    static func merged(workers: Int, every: Int, configuration: MonitorConfiguration,
                       absorbed: (FleetMonitor) throws -> Void = { _ in }) throws -> FleetMonitor {
        let side = events()
        var workerConfiguration = configuration
        workerConfiguration.emitsSummaries = true
        var monitors = (0..<workers).map { _ in monitor(workerConfiguration, side) }
        let other = events(junk: 7)  // the merging process: its own symbol table
        var merger = monitor(configuration, other)
        var sequence = 0
        func flush(_ w: Int) throws {
            let summary = Self.worker(UInt64(w + 1) * 0x9e37, sequence: sequence)
            sequence += 1
            let block = SummaryBlock.encode(monitors[w].takeSummaries(worker: summary), symbols: side.events.symbols)
            merger.absorb(try SummaryBlock.decode(block, symbols: other.events.symbols, classLimit: configuration.maxCategories))
            try absorbed(merger)
        }
        let batch = side.events.batch
        for (n, event) in batch.events.enumerated() {
            let w = event.id.map { Int(bitPattern: UInt($0.hashValue.magnitude)) % workers } ?? n % workers
            var one = EventBatch()
            one.append(event, features: Array(batch.features(of: event)))
            monitors[w].apply(one)
            if n % every == every - 1 { try flush(w) }
        }
        for w in 0..<workers { try flush(w) }
        return merger
    }

    static func compare(_ one: FleetMonitor, _ merged: FleetMonitor, ksTolerance: Double) throws {
        #expect(merged.skippedFragments == SkippedFragments())
        #expect(merged.clock == one.clock)
        for model in one.models {
            let name = one.symbols.name(model.name)
            let other = try #require(merged.models.first { merged.symbols.name($0.name) == name })
            let window = try #require(one.windowRange())
            let a = ModelSnapshot(model, window: window, symbols: one.symbols, now: one.clock, versions: true)
            let b = ModelSnapshot(other, window: window, symbols: merged.symbols, now: merged.clock, versions: true)
            #expect(a.totals.predictions == b.totals.predictions)
            #expect(a.totals.labelEvents == b.totals.labelEvents)
            #expect(a.totals.metrics == b.totals.metrics)
            #expect(a.totals.latency == b.totals.latency)
            #expect(a.merged.predictions == b.merged.predictions)
            #expect(a.merged.outcomes.joined == b.merged.outcomes.joined)
            #expect(a.merged.outcomes.correct == b.merged.outcomes.correct)
            #expect(a.merged.latency == b.merged.latency)
            #expect(a.pendingPredictions == b.pendingPredictions)
            #expect(a.task == b.task)
            #expect(a.status == b.status, "\(name)")
            #expect(abs((a.merged.outcomes.meanAbsoluteError ?? 0) - (b.merged.outcomes.meanAbsoluteError ?? 0)) < 1e-9)
            #expect(abs((a.estimated?.accuracy ?? 0) - (b.estimated?.accuracy ?? 0)) < 1e-9)
            #expect(a.nodes.map { one.symbols.name($0.name) }.sorted() == b.nodes.map { merged.symbols.name($0.name) }.sorted())
            #expect((a.predictionDrift == nil) == (b.predictionDrift == nil))
            let fas = a.features.sorted { one.symbols.name($0.name) < one.symbols.name($1.name) } + [a.predictionDrift].compactMap { $0 }
            let fbs = b.features.sorted { merged.symbols.name($0.name) < merged.symbols.name($1.name) } + [b.predictionDrift].compactMap { $0 }
            #expect(fas.map { one.symbols.name($0.name) } == fbs.map { merged.symbols.name($0.name) })
            for (fa, fb) in zip(fas, fbs) {
                #expect(fa.drift.currentCount == fb.drift.currentCount)
                #expect(abs((fa.drift.psi ?? -1) - (fb.drift.psi ?? -1)) < 1e-12, "PSI of \(one.symbols.name(fa.name))")
                #expect(abs((fa.drift.chiSquare?.statistic ?? -1) - (fb.drift.chiSquare?.statistic ?? -1)) < 1e-9)
                #expect(abs((fa.drift.ks?.statistic ?? -1) - (fb.drift.ks?.statistic ?? -1)) <= ksTolerance,
                        "KS of \(one.symbols.name(fa.name)): \(fa.drift.ks?.statistic ?? -1) vs \(fb.drift.ks?.statistic ?? -1)")
            }
            #expect(a.versions.map { one.symbols.name($0.version) } == b.versions.map { merged.symbols.name($0.version) })
            for (va, vb) in zip(a.versions, b.versions) {
                #expect(va.predictions == vb.predictions)
                #expect(va.merged.outcomes.joined == vb.merged.outcomes.joined)
                #expect(va.merged.outcomes.correct == vb.merged.outcomes.correct)
                #expect(va.merged.latency == vb.merged.latency)
            }
        }
    }

    /// Batches applied model by model (a large one across the cores, batches of 100 on the
    /// calling thread) give exactly the figures of one event after another (sampled or not, with
    /// a time range that leaves events out).
    @Test(arguments: [nil, 256] as [Int?], [nil, 100] as [Int?])
    func parallelApplyEqualsSequential(sample: Int?, batchSize: Int?) throws {
        var parallel = Self.configuration(sample: sample, window: 10, panes: 100)
        parallel.appliesInParallel = true
        var sequential = parallel
        sequential.appliesInParallel = false
        let side = Self.events()
        var a = Self.monitor(parallel, side), b = Self.monitor(sequential, side)
        a.timeRange = 10_100...12_000
        b.timeRange = a.timeRange
        let all = side.events.batch
        if let batchSize {
            #expect(batchSize >= FleetMonitor.routedBatch && batchSize < FleetMonitor.parallelBatch)
            for start in stride(from: 0, to: all.events.count, by: batchSize) {
                var batch = EventBatch()
                batch.append(all, range: start..<min(start + batchSize, all.events.count))
                a.apply(batch)
            }
        } else {
            #expect(all.events.count >= FleetMonitor.parallelBatch)
            a.apply(all)
        }
        b.apply(all)
        #expect(a.outOfRange == b.outOfRange && a.outOfRange > 0)
        try Self.compare(b, a, ksTolerance: 0)
        for (x, y) in zip(a.models, b.models) {
            #expect(x.totals.latency == y.totals.latency && x.nodeLastSeen.count == y.nodeLastSeen.count)
        }
    }

    /// Unlimited samples: everything equal, KS included.
    @Test(arguments: [1, 3, 5])
    func workersMergedEqualOneProcess(workers: Int) throws {
        let c = Self.configuration(sample: nil, window: 100, panes: 100)
        let merged = try Self.merged(workers: workers, every: 700, configuration: c)
        let one = Self.monitor(c, Self.events())
        var all = one
        all.apply(Self.events().events.batch)
        try Self.compare(all, merged, ksTolerance: 1e-12)
    }

    /// Sampled (256 values per pane and feature): counts, PSI and accuracy still exact; KS of the
    /// merged sample within 0.1 of one process's own sampled KS (each is within
    /// sqrt(ln(2/0.001)/(2·256)) ≈ 0.12 of the truth with probability 0.999: docs/statistics.md).
    @Test func sampledWorkersMergeWithinTheBound() throws {
        let c = Self.configuration(sample: 256, window: 100, panes: 100)
        let merged = try Self.merged(workers: 4, every: 300, configuration: c)
        var one = Self.monitor(c, Self.events())
        one.apply(Self.events().events.batch)
        try Self.compare(one, merged, ksTolerance: 0.1)
    }

    /// A report (one pane of everything) merges a worker's one-minute panes, also those its
    /// five-pane history pushed out between two blocks.
    @Test func reportMergesMinutePanes() throws {
        let worker = Self.configuration(sample: nil, window: 5, panes: 5, emits: true)
        let side = Self.events()
        var producer = Self.monitor(worker, side)
        producer.apply(side.events.batch)  // 40 minutes, one block at the end
        let block = SummaryBlock.encode(producer.takeSummaries(worker: Self.worker(1)), symbols: side.events.symbols)
        var exact = MonitorConfiguration.exact
        exact.referenceSize = worker.referenceSize
        let other = Self.events(junk: 3)
        var report = Self.monitor(exact, other)
        report.absorb(try SummaryBlock.decode(block, symbols: other.events.symbols, classLimit: 1000))
        var one = Self.monitor(exact, Self.events())
        one.apply(Self.events().events.batch)
        try Self.compare(one, report, ksTolerance: 1e-12)
    }

    /// Workers merged one after another (the first already past every pane when the others
    /// come, as when files are read at start): panes sealed before the others' parts came are
    /// sealed again, their PSI and counts equal to one process's.
    @Test func latePartsOfSealedPanesCount() throws {
        let c = Self.configuration(sample: 100_000, window: 2, panes: 100)
        let w = Self.configuration(sample: 100_000, window: 2, panes: 100, emits: true)
        let side = Self.events()
        let other = Self.events(junk: 5)
        var merger = Self.monitor(c, other)
        let batch = side.events.batch
        for k in 0..<2 {
            var worker = Self.monitor(w, side)
            var part = EventBatch()
            for event in batch.events where event.id.map({ Int(bitPattern: UInt($0.hashValue.magnitude)) % 2 == k }) ?? (k == 0) {
                part.append(event, features: Array(batch.features(of: event)))
            }
            worker.apply(part)
            let block = SummaryBlock.encode(worker.takeSummaries(worker: Self.worker(UInt64(k + 1))), symbols: side.events.symbols)
            merger.absorb(try SummaryBlock.decode(block, symbols: other.events.symbols, classLimit: 1000))
        }
        // One process that seals nothing: each pane's drift over all of its values (one that
        // seals would seal a pane before its last values, as labels move the clock ahead).
        var one = Self.monitor(w, Self.events())
        one.apply(Self.events().events.batch)
        let model = try #require(one.models.first { one.symbols.name($0.name) == "m" })
        let merged = try #require(merger.models.first { merger.symbols.name($0.name) == "m" })
        let range = try #require(one.windowRange(panes: 100))
        var sealedPanes = 0
        for index in range {
            guard let a = model.paneDrift(index, ks: true), let b = merged.paneDrift(index, ks: true) else { continue }
            if merged.panes.pane(index)?.sealed != nil { sealedPanes += 1 }
            let names = { (m: ModelMonitor, table: SymbolTable, d: [Int: ModelPane.SlotDrift]) in
                Dictionary(uniqueKeysWithValues: d.map { ($0.key < 0 ? "(prediction)" : table.name(m.featureNames[$0.key]), $0.value) })
            }
            let da = names(model, one.symbols, a), db = names(merged, merger.symbols, b)
            #expect(da.keys.sorted() == db.keys.sorted())
            for (name, x) in da {
                #expect(x.count == db[name]?.count, "pane \(index) \(name)")
                #expect(abs((x.psi ?? -1) - (db[name]?.psi ?? -1)) < 1e-12, "pane \(index) \(name)")
            }
        }
        #expect(sealedPanes > 20)
    }

    @Test func damagedBlocksAreErrors() throws {
        let side = Self.events()
        var producer = Self.monitor(Self.configuration(sample: 4096, window: 10, panes: 60, emits: true), side)
        producer.apply(side.events.batch)
        let block = SummaryBlock.encode(producer.takeSummaries(worker: Self.worker(1)), symbols: side.events.symbols)
        let symbols = SymbolTable()
        #expect(try SummaryBlock.size(in: Array(block.prefix(10)), at: 0) == nil)
        #expect(throws: SummaryFormatError.notSummaries) { try SummaryBlock.size(in: Array("{\"model\":1}".utf8), at: 0) }
        var version = block
        version[7] = 9
        #expect(throws: SummaryFormatError.unsupportedVersion(9)) { try SummaryBlock.decode(version, symbols: symbols, classLimit: 10) }
        // Every truncation and many byte flips: an error or a block, never a crash.
        var random = TestRandom(state: 3)
        for _ in 0..<100 {
            var damaged = block
            let i = SummaryBlock.headerSize + Int(random.next() % UInt64(block.count - SummaryBlock.headerSize))
            damaged[i] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            _ = try? SummaryBlock.decode(damaged, symbols: symbols, classLimit: 10)
        }
        var short = block
        short.removeLast(5)
        for i in 8..<12 { short[i] = UInt8(truncatingIfNeeded: (block.count - 17) >> (8 * (i - 8))) }
        #expect(throws: (any Error).self) { try SummaryBlock.decode(short, symbols: symbols, classLimit: 10) }
    }

    /// NaN is refused anywhere in a block, and so are infinite sampled values and clocks (a
    /// NaN sample value made the KS merge loop forever; a NaN or infinite clock trapped when
    /// turned into a pane number).
    @Test func blocksWithNaNOrInfiniteTimesAndSamplesAreErrors() throws {
        let symbols = SymbolTable()
        func roundTrip<T>(_ write: (inout SummaryWriter) -> Void, _ read: (inout SummaryReader) throws -> T) throws -> T {
            var w = SummaryWriter(symbols: symbols)
            write(&w)
            var r = SummaryReader(bytes: w.body, range: 0..<w.body.count, symbols: symbols)
            return try read(&r)
        }
        for bad in [Double.nan, .infinity, -.infinity] {
            var sample = Reservoir(limit: 4, seed: 1)
            for x in [1.5, bad, 2.5] { sample.update(x) }
            #expect(throws: SummaryFormatError.self) { try roundTrip({ sample.write(to: &$0) }, { try Reservoir(reading: &$0) }) }
            var worker = Self.worker(1)
            worker.clock = bad
            #expect(throws: SummaryFormatError.self) { try roundTrip({ worker.write(to: &$0) }, { try WorkerSummary(reading: &$0) }) }
        }
        var moments = Moments()
        moments.update(.nan)
        #expect(throws: SummaryFormatError.malformed("a number that is NaN")) {
            try roundTrip({ moments.write(to: &$0) }, { try Moments(reading: &$0) })
        }
        // Infinities that an empty window legitimately holds still read.
        #expect(try roundTrip({ Moments().write(to: &$0) }, { try Moments(reading: &$0) }) == Moments())
        var fine = Reservoir(limit: 4, seed: 1)
        for x in [1.5, 2.5] { fine.update(x) }
        #expect(try roundTrip({ fine.write(to: &$0) }, { try Reservoir(reading: &$0) }).values == [1.5, 2.5])
        var worker = Self.worker(1)
        worker.clock = 1_700_000_000
        #expect(try roundTrip({ worker.write(to: &$0) }, { try WorkerSummary(reading: &$0) }).clock == 1_700_000_000)
    }

    /// A latency histogram reads back equal; a bucket number no latency has is an error (it
    /// trapped when a quantile turned it into a bucket midpoint).
    @Test func latencyBucketsOutOfRangeAreErrors() throws {
        let symbols = SymbolTable()
        var histogram = LatencyHistogram()
        for x in [0, 0.001, 2.4, 2.4, 16.3, 1e300] { histogram.update(x) }
        var w = SummaryWriter(symbols: symbols)
        histogram.write(to: &w)
        var r = SummaryReader(bytes: w.body, range: 0..<w.body.count, symbols: symbols)
        #expect(try LatencyHistogram(reading: &r) == histogram)
        for bucket in [UInt64(BucketCounts.limit), UInt64(Int32.max) + 1, .max] {
            var w = SummaryWriter(symbols: symbols)
            w.count(1)
            w.double(1)
            w.double(1)
            w.count(1)
            w.varint(bucket)
            w.count(1)
            var r = SummaryReader(bytes: w.body, range: 0..<w.body.count, symbols: symbols)
            #expect(throws: SummaryFormatError.self) { try LatencyHistogram(reading: &r) }
        }
    }

    /// A merge of two uniform samples is a uniform sample of both streams.
    @Test func reservoirMergeIsUniform() {
        var hits = [Int](repeating: 0, count: 10)
        for trial in 0..<2000 {
            var a = Reservoir(limit: 20, seed: UInt64(trial)), b = Reservoir(limit: 20, seed: UInt64(trial) + 99_999)
            for i in 0..<100 { a.update(Double(i)) }  // values 0..<100
            for i in 100..<1000 { b.update(Double(i)) }  // 900 more
            a.absorb(b)
            #expect(a.seen == 1000 && a.values.count == 20)
            for x in a.values { hits[Int(x) / 100] += 1 }
        }
        // Each tenth of the stream gets a tenth of the 40000 draws (binomial sd ~ 60).
        for h in hits { #expect(abs(h - 4000) < 400, "\(hits)") }
    }
}
