import Dispatch

/// The analytics state of every model: the reducer that events change, and the queries the
/// views read. Event time only: replaying a log computes exactly what live traffic computed.
public struct FleetMonitor: Sendable {
    public let configuration: MonitorConfiguration
    public let symbols: SymbolTable
    /// Models in order of first appearance.
    public internal(set) var models: [ModelMonitor] = []
    /// Position in `models` by model name.
    var index = SymbolIndex()
    /// The event-time clock: the newest event time seen.
    public internal(set) var clock: Double?
    /// Changes so far (batches applied, re-baselines, summaries taken or merged, the end of the
    /// input): views cache what they derive by it, and by each model's ``ModelMonitor/changedAt``.
    public internal(set) var version = 0
    /// Events outside `timeRange`, or further than ``MonitorConfiguration/maxAhead`` ahead of
    /// the clock (skipped).
    public var outOfRange: Int { countedOutOfRange + workers.values.reduce(0) { $0 + $1.outOfRange } }
    var countedOutOfRange = 0
    /// Events of models past ``MonitorConfiguration/maxModels``, counted under "(other models)".
    public var modelsOverCap: Int { countedModelsOverCap + workers.values.reduce(0) { $0 + $1.modelsOverCap } }
    var countedModelsOverCap = 0
    /// The newest summary of each worker instance whose blocks were merged.
    public internal(set) var workers: [UInt64: WorkerSummary] = [:]
    /// Fragments left out of the merge, and why.
    public internal(set) var skippedFragments = SkippedFragments()
    /// Only events with `ts` in this range are used (`--since`, `--until`).
    public var timeRange: ClosedRange<Double>?
    let known: KnownSymbols
    private var referenceBuilders: [Symbol: ReferenceBuilder] = [:]
    private var referenceOutcomes: [Symbol: Outcomes] = [:]
    /// Reference predictions waiting for a label event of the reference files (the same
    /// bounded join as live traffic, without a time limit).
    private var referenceJoin: [Symbol: LabelJoin] = [:]
    private var references: [Symbol: (ModelReference, Outcomes)] = [:]
    /// Per model, the events of the batch being applied (kept for their capacity).
    private var routes: [[Route]] = []

    public init(configuration: MonitorConfiguration, symbols: SymbolTable) {
        self.configuration = configuration
        self.symbols = symbols
        known = KnownSymbols(symbols)
    }

    /// The monitor of `model`, if it has sent anything.
    public func model(_ model: Symbol) -> ModelMonitor? {
        index[model].map { models[$0] }
    }

    // MARK: Reference files

    /// Adds events from a reference file: predictions (with inline labels, or label events
    /// joined by id within the reference files, in either order) make up each model's reference.
    public mutating func addReference(_ batch: EventBatch) {
        let empty = LabelJoin(ttl: .infinity, capacity: configuration.maxPending)
        batch.withBuffers { events, features in addReference(events, features: features, empty: empty) }
    }

    private mutating func addReference(_ events: UnsafeBufferPointer<Event>, features: UnsafeBufferPointer<EventBatch.Feature>,
                                       empty: LabelJoin) {
        let maxModels = configuration.maxModels, maxFeatures = configuration.maxFeatures
        for event in events {
            let model = event.model
            switch event.kind {
            case .prediction:
                // Looked up by index: reading `referenceBuilders[model]` would copy the builder
                // (a retain and release of each of its arrays) for every event.
                let count = referenceBuilders.count
                guard let slot = referenceBuilders.index(forKey: model, inserting: {
                    count < maxModels ? ReferenceBuilder(maxFeatures: maxFeatures) : nil  // as the stream's cap
                }) else { continue }
                referenceBuilders.values[slot].add(event, features: EventBatch.features(of: event, in: features))
                guard let prediction = event.prediction else { continue }
                let pending = LabelJoin.Prediction(value: prediction, score: event.score, pane: 0, isReference: true,
                                                   time: event.time)
                if let label = event.label {
                    addReferenceOutcome(model, pending, label: label)
                } else if let id = event.id,
                    let (joined, label) = referenceJoin.values[referenceJoin.index(forKey: model, inserting: { empty })!]
                        .add(pending, key: id, now: event.time)
                {
                    addReferenceOutcome(model, joined, label: label)
                }
            case .label:
                guard let id = event.id, let label = event.label,
                    let prediction = referenceJoin.values[referenceJoin.index(forKey: model, inserting: { empty })!]
                        .add(label: label, key: id, time: event.time, now: event.time)
                else { continue }
                addReferenceOutcome(model, prediction, label: label)
            case .metric:
                continue
            }
        }
    }

    private mutating func addReferenceOutcome(_ model: Symbol, _ prediction: LabelJoin.Prediction, label: Value) {
        // By index, as in addReference: `referenceBuilders[model]?.addLabel` moved the builder
        // out and back, and a `default:` that captures allocates (15% of reading references).
        let classLimit = configuration.maxCategories
        let outcomes = referenceOutcomes.index(forKey: model, inserting: { Outcomes(sampleLimit: nil, seed: 0, classLimit: classLimit) })!
        referenceOutcomes.values[outcomes].update(prediction: prediction.value, label: label, score: prediction.score)
        if let builder = referenceBuilders.index(forKey: model) { referenceBuilders.values[builder].addLabel(label) }
    }

    /// Freezes the references read with ``addReference(_:)``; models they name use them
    /// instead of their first predictions.
    public mutating func finishReferences() {
        for (model, builder) in referenceBuilders where builder.predictions > 0 {
            references[model] = (builder.build(source: .file, maxCategories: configuration.maxCategories),
                                 referenceOutcomes[model] ?? Outcomes(sampleLimit: nil, seed: 0, classLimit: configuration.maxCategories))
        }
        referenceBuilders = [:]
        referenceJoin = [:]
        referenceOutcomes = [:]
    }

    /// Models that have a reference file.
    public var modelsWithReferenceFiles: [Symbol] { Array(references.keys) }

    // MARK: Events

    /// Applies a batch of events in order.
    ///
    /// A model's figures depend on its own events and the fleet's clock only. So a batch of
    /// ``routedBatch`` events or more is applied in two steps: one pass in order settles what
    /// each event does to the fleet (out of range, the clock it moves, the model it goes to),
    /// then each model applies its own events, in order, with the clock each saw: one model's
    /// state stays in cache across its events, and from ``parallelBatch`` events the models are
    /// spread over the cores when `spread` is true. The figures are those of applying the events
    /// one after another (``MonitorConfiguration/appliesInParallel`` false does that).
    /// - Parameter spread: false when another thread keeps the other cores busy (a source
    ///   decoding the next batches while this one is applied): a second applying thread would
    ///   only contend with it.
    /// - Complexity: O(events · features per event · log bins), over the cores.
    public mutating func apply(_ batch: EventBatch, spread: Bool = true) {
        if !batch.events.isEmpty { version += 1 }
        batch.withBuffers { events, features in apply(events, features: features, spread: spread) }
    }

    private mutating func apply(_ events: UnsafeBufferPointer<Event>, features: UnsafeBufferPointer<EventBatch.Feature>,
                                spread: Bool) {
        let routed = configuration.appliesInParallel && events.count >= Self.routedBatch
        for (n, event) in events.enumerated() {
            if let timeRange, !timeRange.contains(event.time) {
                countedOutOfRange += 1
                continue
            }
            if let clock, event.time > clock + configuration.maxAhead {
                countedOutOfRange += 1  // a clock gone wrong must not move the windows away from the rest
                continue
            }
            let now = max(clock ?? event.time, event.time)
            clock = now
            let i: Int
            if let existing = index[event.model] {
                i = existing
            } else if models.count >= configuration.maxModels {
                // Past the cap, every other model is counted together.
                countedModelsOverCap += 1
                i = index[known.otherModels] ?? addModel(known.otherModels)
            } else {
                i = addModel(event.model)
            }
            if routed {
                if routes.count <= i { routes.append(contentsOf: repeatElement([], count: i + 1 - routes.count)) }
                routes[i].append(Route(event: Int32(n), clock: now))
            } else {
                models[i].apply(event, features: EventBatch.features(of: event, in: features), clock: now, symbols: known)
                models[i].changedAt = version
            }
        }
        if routed { applyRoutes(events, features: features, spread: spread && events.count >= Self.parallelBatch) }
    }

    /// Batches of at least this many events are applied model by model: in the 50-model case of
    /// `modeltop-bench ingest` (64 KiB reads, ~140 events a batch) 6% more events/s on one core.
    static let routedBatch = 16

    /// Batches of at least this many events are applied across the cores.
    static let parallelBatch = 1024

    /// An event of the batch being applied and the clock it saw, routed to its model.
    struct Route: Sendable {
        var event: Int32
        var clock: Double
    }

    /// Applies the routed events model by model (over the cores when `spread`, the busiest
    /// models first, so that the last to finish is a small one), and empties the routes.
    private mutating func applyRoutes(_ events: UnsafeBufferPointer<Event>, features: UnsafeBufferPointer<EventBatch.Feature>,
                                      spread: Bool) {
        // Taken out while the threads read them, so that emptying them after keeps their buffers.
        var routes: [[Route]] = []
        swap(&routes, &self.routes)
        let busy = routes.indices.filter { !routes[$0].isEmpty }
        let batch = SharedBatch(events: events, features: features)
        if spread {
            Self.apply(routes, of: busy.sorted { routes[$0].count > routes[$1].count }, batch, to: &models, symbols: known)
        } else {
            for i in busy { Self.apply(routes[i], of: batch, to: &models[i], symbols: known) }
        }
        for i in busy {
            routes[i].removeAll(keepingCapacity: true)
            models[i].changedAt = version
        }
        self.routes = routes
    }

    /// Applies `routes[i]` to `models[i]` for each `i` of `busy`, a model per thread at a time.
    private static func apply(_ routes: [[Route]], of busy: [Int], _ batch: SharedBatch, to models: inout [ModelMonitor],
                              symbols known: KnownSymbols) {
        models.withUnsafeMutableBufferPointer { models in
            let shared = SharedModels(models: models)
            DispatchQueue.concurrentPerform(iterations: busy.count) { j in
                let i = busy[j]
                apply(routes[i], of: batch, to: &shared.models[i], symbols: known)
            }
        }
    }

    /// Applies one model's routed events of `batch`, in order, each with the clock it saw.
    @inline(__always)
    private static func apply(_ routes: [Route], of batch: SharedBatch, to model: inout ModelMonitor,
                              symbols known: KnownSymbols) {
        for route in routes {
            let event = batch.events[Int(route.event)]
            model.apply(event, features: EventBatch.features(of: event, in: batch.features), clock: route.clock,
                        symbols: known)
        }
    }

    mutating func addModel(_ name: Symbol) -> Int {
        let i = models.count
        index.set(name, to: i)
        models.append(ModelMonitor(name: name, configuration: configuration, reference: references[name],
                                   task: configuration.tasks[symbols.name(name)]))
        models[i].changedAt = version
        return i
    }

    /// At the end of a finite input: models with fewer predictions than the reference size use
    /// what they have, and joins past the label TTL at the final clock are evicted (what waits
    /// within it stays pending).
    public mutating func finish() {
        version += 1
        for i in models.indices {
            models[i].finishReference()
            if let clock { models[i].expireJoins(now: clock) }
            models[i].changedAt = version
        }
    }

    /// Makes `model`'s current window its reference (the dashboard's re-baseline).
    public mutating func rebaseline(_ model: Symbol) {
        guard let i = index[model], let window = windowRange() else { return }
        version += 1
        models[i].rebaseline(window: window)
        models[i].changedAt = version
    }

    /// The window of `window` panes ending at the clock's pane (the configured window when nil).
    public func windowRange(panes window: Int? = nil) -> ClosedRange<Int>? {
        guard let clock else { return nil }
        let newest = configuration.pane(of: clock)
        return (newest - (window ?? configuration.window) + 1)...newest
    }
}

/// The batch being applied across the cores, read only.
private struct SharedBatch: @unchecked Sendable {
    let events: UnsafeBufferPointer<Event>
    let features: UnsafeBufferPointer<EventBatch.Feature>
}

/// The models being applied across the cores, each by one thread only.
private struct SharedModels: @unchecked Sendable {
    let models: UnsafeMutableBufferPointer<ModelMonitor>
}
