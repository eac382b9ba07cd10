import Testing
@testable import ModelTopCore

/// The dashboard's window merge, kept between frames, is the merge of the window to the bit.
@Suite struct WindowMergeCacheTests {
    /// The merged pane as bytes (a pane summary's encoding: counts, bins, moments, samples,
    /// outcomes, latency, nodes and per-version panes).
    static func bytes(_ pane: ModelPane, model: Symbol, symbols: SymbolTable) -> [UInt8] {
        let fragment = PaneFragment(instance: 0, model: model, start: 0, featureNames: [], soleVersion: nil, pane: pane)
        return SummaryBlock.encode([.pane(fragment)], symbols: symbols)
    }

    /// Where two encodings first differ (nil: equal), for a short failure message.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? (a.count == b.count ? nil : a.count)
    }

    /// Events applied a few at a time (29, ~12 s: as frames see them) over 40 minutes of one-minute
    /// panes and a 10-minute window: the window slides, labels come 90 s late (so older panes
    /// change), a second version starts (its panes are seeded from the first's), samples are
    /// capped and panes sealed. After every step the cached merge equals a fresh one.
    @Test(arguments: [nil, 16] as [Int?])
    func cachedMergeEqualsAFreshMerge(sample: Int?) throws {
        let side = SummaryTests.events()
        var monitor = SummaryTests.monitor(SummaryTests.configuration(sample: sample, window: 10, panes: 30), side)
        var caches: [Symbol: WindowMergeCache] = [:]
        var compared = 0, step = 0
        for part in side.events.batch.parts(of: 29) {
            step += 29
            monitor.apply(part)
            let window = try #require(monitor.windowRange())
            for model in monitor.models {
                let cached = caches[model.name, default: WindowMergeCache()].merged(model, window: window)
                let fresh = model.merged(window)
                let difference = Self.firstDifference(Self.bytes(cached, model: model.name, symbols: monitor.symbols),
                                                      Self.bytes(fresh, model: model.name, symbols: monitor.symbols))
                #expect(difference == nil, "step \(step)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// A second version's first prediction, in the newest pane, copies each older pane into its
    /// per-version figures: the kept merge of the older panes is stale then.
    @Test func aSecondVersionRenewsTheKeptMerge() throws {
        var reference = EventMaker()
        for i in 0..<200 { reference.prediction("m", t: Double(i), .number(Double(i % 2)), label: .number(1), features: ["x": .number(Double(i % 7))]) }
        var maker = reference
        maker.batch = EventBatch()
        for i in 0..<300 {
            maker.prediction("m", t: 10_000 + Double(i), .number(Double(i % 2)), label: .number(1), features: ["x": .number(Double(i % 5))],
                             version: "v1")
        }
        var configuration = MonitorConfiguration()
        configuration.window = 10
        var monitor = FleetMonitor(configuration: configuration, symbols: maker.symbols)
        monitor.addReference(reference.batch)
        monitor.finishReferences()
        monitor.apply(maker.batch)
        let model = try #require(monitor.models.first).name
        let window = try #require(monitor.windowRange())
        var cache = WindowMergeCache()
        // Twice: the second call keeps the merge of the panes that did not change in between.
        _ = cache.merged(try #require(monitor.model(model)), window: window)
        _ = cache.merged(try #require(monitor.model(model)), window: window)
        var next = EventMaker()
        next.batch = EventBatch()
        let late = Event(kind: .prediction, model: model, node: maker.s("n"), version: maker.s("v2"), time: 10_299.5,
                         prediction: .number(1), label: .number(1))
        next.batch.append(late, features: [.init(name: maker.s("x"), value: .number(9))])
        monitor.apply(next.batch)
        #expect(monitor.windowRange() == window)
        let after = try #require(monitor.model(model))
        #expect(after.merged(window).byVersion.count == 2)
        #expect(Self.firstDifference(Self.bytes(cache.merged(after, window: window), model: model, symbols: monitor.symbols),
                                     Self.bytes(after.merged(window), model: model, symbols: monitor.symbols)) == nil)
    }
}
