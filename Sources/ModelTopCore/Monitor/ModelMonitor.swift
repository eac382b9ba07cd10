/// One model's live state: its reference, panes of event time, pending label joins and
/// lifetime counts. Changed only through ``FleetMonitor`` (events, merged summaries, re-baselines,
/// the end of the input), which stamps ``changedAt`` at each change.
public struct ModelMonitor: Sendable {
    public let name: Symbol
    public let configuration: MonitorConfiguration
    /// Nil while the reference is being collected from the first predictions.
    public private(set) var reference: ModelReference?
    private var builder: ReferenceBuilder?
    /// Accuracy of the reference predictions that got labels.
    public private(set) var referenceOutcomes: Outcomes
    public internal(set) var panes: PaneHistory<ModelPane>
    public internal(set) var join: LabelJoin
    /// Feature names by slot, in order of first appearance.
    public private(set) var featureNames: [Symbol] = []
    /// Slot by feature name.
    var slots = SymbolIndex()
    /// The reference of each slot.
    private var referenceBySlot: [FeatureReference?] = []
    /// Slots of features the reference does not have (with the reference's, at most
    /// ``MonitorConfiguration/maxFeatures``).
    private var slotsOutsideReference = 0
    /// Lifetime counts of the events applied here (``totals`` adds those of merged summaries).
    var counted = Totals()
    /// What merged summaries brought (``FleetMonitor/absorb(_:)``).
    var absorbed = AbsorbedSummaries()
    /// A worker's changed panes pushed out of the history before they were taken (sent with
    /// the next block).
    var evicted: [PaneFragment] = []
    /// The counts the last summary block carried (a worker writes a model's summary again only
    /// when they changed).
    var summarizedCounts: [Int] = []
    /// The last event time of each serving node.
    public internal(set) var nodeLastSeen = SmallMap<Symbol, Double>()
    var sealedThrough = Int.min
    /// Versions and metric names seen, up to their caps.
    private var versionsSeen = SmallMap<Symbol, Void>()
    private var metricsSeen = SmallMap<Symbol, Void>()
    /// Versions with statistics of their own (``ModelPane/byVersion``), in order of first event;
    /// kept from the second version on.
    public internal(set) var statisticsVersions: [Symbol] = []
    /// Versions with statistics of their own, at most; later ones share "(other versions)".
    public static let versionStatisticsLimit = 8
    /// The event time of each version's first event (its deploy, as far as the logs tell).
    public internal(set) var versionFirstSeen = SmallMap<Symbol, Double>()
    /// The score calibration of a binary classifier with scores, once the reference has enough
    /// labels (see ``fitCalibrationIfReady()``); predictions after it are estimated (CBPE).
    public private(set) var calibration: ScoreCalibration?
    /// Predictions at the last look for a calibration.
    private var calibrationCheckedAt = 0
    /// "(other versions)", once versions past the limit share it.
    var versionsOther: Symbol?
    /// The task set in the configuration file, if any.
    public let taskOverride: ModelTask?
    /// The values of every prediction and label seen (the reference's included).
    public private(set) var evidence = TaskEvidence()
    /// The fleet's ``FleetMonitor/version`` when this model last changed (set by the fleet at
    /// each change): what a view derived from the model at that version is still current, but
    /// for the rates, which also depend on the clock.
    public internal(set) var changedAt = 0

    /// Counts over the model's whole life: of the events applied here and of merged summaries.
    public var totals: Totals {
        guard !absorbed.summaries.isEmpty else { return counted }
        var all = counted
        all.merge(absorbed.totals)
        all.late += absorbed.latePanes
        return all
    }

    /// Label-join counts: here and at the workers whose summaries were merged.
    public var joinCounts: (expired: Int, unmatched: Int, pendingPredictions: Int, pendingLabels: Int) {
        let a = absorbed.join
        return (join.expiredPredictions + a.expired, join.unmatchedLabels + a.unmatched,
                join.pendingPredictions + a.pendingPredictions, join.pendingLabels + a.pendingLabels)
    }

    /// Counts over the model's whole life.
    public struct Totals: Sendable, Equatable {
        public var predictions = 0
        public var labelEvents = 0
        public var metrics = 0
        /// Events older than the pane history (left out of windows).
        public var late = 0
        /// Labels joined to a prediction whose pane had left the history.
        public var lateLabels = 0
        /// Feature values left out because the model already had ``MonitorConfiguration/maxFeatures``.
        public var featuresOverCap = 0
        /// Events counted under "(other nodes)", "(other versions)", "(other metrics)".
        public var nodesOverCap = 0
        public var versionsOverCap = 0
        public var metricsOverCap = 0
        /// Every latency since the start (milliseconds), for a cumulative histogram (Prometheus).
        public var latency = LatencyHistogram()
        public var firstEventTime = Double.infinity
        public var lastEventTime = -Double.infinity
    }

    init(name: Symbol, configuration: MonitorConfiguration, reference: (ModelReference, Outcomes)?, task: ModelTask?) {
        self.name = name
        self.configuration = configuration
        self.panes = PaneHistory(capacity: configuration.panes)
        self.join = LabelJoin(ttl: configuration.labelTTL, capacity: configuration.maxPending)
        taskOverride = task
        if let (reference, outcomes) = reference {
            self.reference = reference
            self.referenceOutcomes = outcomes
            counted.featuresOverCap += reference.featuresOverCap
        } else {
            builder = ReferenceBuilder(maxFeatures: configuration.maxFeatures)
            referenceOutcomes = Outcomes(sampleLimit: nil, seed: 0, classLimit: configuration.maxCategories)
        }
        factory = PaneFactory(name: name, configuration: configuration, references: [], reference: reference?.0, calibration: nil)
    }

    /// The model's task: set in the configuration file, else decided by the documented rule
    /// from every prediction and label seen (see ``TaskEvidence``); nil before any.
    public var task: ModelTask? {
        if let taskOverride { return taskOverride }
        var all = evidence
        all.merge(absorbed.evidence)
        if let reference { all.merge(reference.evidence) }
        return all.inferred
    }

    /// Makes a slot for `name`; false when full: the model's features (those of the reference
    /// and those seen since, together) are at most ``MonitorConfiguration/maxFeatures``, so a
    /// feature of the reference always has room.
    /// - Complexity: O(1) amortized (the factory is rebuilt only for a feature of the reference).
    mutating func addSlot(_ name: Symbol) -> Bool {
        let featureReference = reference?.features[name]
        if featureReference == nil {
            guard (reference?.features.count ?? 0) + slotsOutsideReference < configuration.maxFeatures else { return false }
            slotsOutsideReference += 1
        }
        slots.set(name, to: featureNames.count)
        featureNames.append(name)
        referenceBySlot.append(featureReference)
        if featureReference != nil { rebuildFactory() }
        return true
    }

    /// What new panes and windows are made with: a reference (one retain to copy), so it can be
    /// used while a pane is being changed; rebuilt when the references change.
    var factory: PaneFactory

    private mutating func rebuildFactory() {
        factory = PaneFactory(name: name, configuration: configuration, references: referenceBySlot, reference: reference,
                              calibration: calibration)
    }

    /// Applies one event. `clock` is the fleet's event-time clock (the newest event time);
    /// `features` are the event's (see ``EventBatch/withBuffers(_:)``).
    mutating func apply(_ event: Event, features: UnsafeBufferPointer<EventBatch.Feature>, clock: Double, symbols: KnownSymbols) {
        // Bounded per model: nodes, versions and metric names past their caps are counted together.
        var node = event.node
        if nodeLastSeen.index(of: node) == nil && nodeLastSeen.count >= configuration.maxNodes {
            node = symbols.otherNodes
            counted.nodesOverCap += 1
        }
        let version = event.version.map {
            Self.capped($0, seen: &versionsSeen, limit: configuration.maxVersions, other: symbols.otherVersions,
                        overCap: &counted.versionsOverCap)
        }
        let metric = event.metric.map {
            Self.capped($0, seen: &metricsSeen, limit: configuration.maxMetrics, other: symbols.otherMetrics,
                        overCap: &counted.metricsOverCap)
        }
        // Copied only when a name was capped (an event is 144 bytes).
        if node == event.node && version == event.version && metric == event.metric {
            applyCapped(event, features: features, clock: clock, symbols: symbols)
        } else {
            var capped = event
            capped.node = node
            capped.version = version
            capped.metric = metric
            applyCapped(capped, features: features, clock: clock, symbols: symbols)
        }
    }

    /// Applies one event whose node, version and metric names are within their caps.
    private mutating func applyCapped(_ event: Event, features: UnsafeBufferPointer<EventBatch.Feature>, clock: Double,
                                      symbols: KnownSymbols) {
        // The score calibration, as soon as the reference has the labels for it (from then on
        // predictions are estimated). (`calibration == nil` copied the calibration, retaining
        // its arrays, for every event.)
        if case .none = calibration, counted.predictions >= calibrationCheckedAt + 1000 || calibrationCheckedAt == 0,
            referenceOutcomes.joined >= calibrationLabelsNeeded
        {
            // Tried again every 1000 predictions at most (the task may not be known yet).
            calibrationCheckedAt = max(counted.predictions, 1)
            fitCalibrationIfReady()
        }
        counted.firstEventTime = min(counted.firstEventTime, event.time)
        counted.lastEventTime = max(counted.lastEventTime, event.time)
        // Labels come from wherever ground truth is recorded, not from a serving node.
        if event.kind != .label {
            Self.raise(&nodeLastSeen.values[nodeLastSeen.index(of: event.node, inserting: { event.time })], to: event.time)
        }
        let index = configuration.pane(of: event.time)
        if configuration.emitsSummaries, let newest = panes.newest, index > newest { keepEvicted(before: index) }
        // Labels join their prediction's version; predictions and metrics carry their own.
        let versionKey = event.kind == .label ? nil : event.version.flatMap {
            statisticsKey($0, time: event.time, other: symbols.otherVersions)
        }
        switch event.kind {
        case .prediction: applyPrediction(event, features: features, pane: index, clock: clock, versionKey: versionKey)
        case .label: applyLabel(event, pane: index, clock: clock)
        case .metric: applyMetric(event, pane: index, symbols: symbols, versionKey: versionKey)
        }
        if configuration.sampleLimit != nil, !configuration.emitsSummaries { sealPanes(clockPane: configuration.pane(of: clock)) }
    }

    /// Labelled reference predictions a calibration waits for: `min_samples`, and half the
    /// reference (its labels may come late).
    private var calibrationLabelsNeeded: Int {
        max(configuration.thresholds.minimumSamples, (reference?.predictions ?? .max / 2) / 2)
    }

    /// Fits the score calibration from the reference's labelled scores, for a binary classifier
    /// whose reference has scores.
    /// - Complexity: O(splits · n log n), once.
    mutating func fitCalibrationIfReady() {
        guard calibration == nil, task == .binary, reference?.usesScore == true,
            referenceOutcomes.joined >= calibrationLabelsNeeded
        else { return }
        let pairs = referenceOutcomes.scoredLabels()
        guard pairs.scores.count >= configuration.thresholds.minimumSamples else { return }
        calibration = ScoreCalibration(scores: pairs.scores, labels: pairs.labels, weights: pairs.weights)
        rebuildFactory()
    }

    /// `name`, or `other` (counted in `overCap`) when `limit` other names were seen first.
    /// - Complexity: O(1) amortized.
    @inline(__always)
    private static func capped(_ name: Symbol, seen: inout SmallMap<Symbol, Void>, limit: Int, other: Symbol,
                               overCap: inout Int) -> Symbol {
        // A small map, not a Set: the few names a model has are found without hashing.
        if seen.index(of: name) != nil { return name }
        if seen.count < limit {
            seen[name, default: ()] = ()
            return name
        }
        overCap += 1
        return other
    }

    /// The key of `version`'s own statistics; nil while the model has served one version. The
    /// second version starts them: panes the first version served alone are copied to it.
    /// - Complexity: O(1), O(panes) once.
    mutating func statisticsKey(_ version: Symbol, time: Double, other: Symbol) -> Symbol? {
        if let i = versionFirstSeen.index(of: version) {
            if time < versionFirstSeen.values[i] { versionFirstSeen.values[i] = time }
        } else {
            versionFirstSeen[version, default: time] = time
        }
        if statisticsVersions.contains(version) { return statisticsVersions.count >= 2 ? version : nil }
        guard statisticsVersions.count < Self.versionStatisticsLimit else {
            versionsOther = other
            return other
        }
        statisticsVersions.append(version)
        guard statisticsVersions.count >= 2 else { return nil }
        if statisticsVersions.count == 2 { seedVersionStatistics(first: statisticsVersions[0]) }
        return version
    }

    /// Copies each kept pane that only `first` served into its per-version figures.
    private mutating func seedVersionStatistics(first: Symbol) {
        guard let oldest = panes.oldest, let newest = panes.newest else { return }
        for index in oldest...newest {
            panes.withExistingPane(index) { pane in
                guard pane.versions.count == 1, pane.versions.keys[0] == first else { return }
                var copy = pane
                copy.nodes = SmallMap()
                copy.versions = SmallMap()
                pane.byVersion[first, default: copy] = copy
                pane.version += 1  // changed: what was merged from it is not current (WindowMergeCache)
            }
        }
    }

    /// Counts a prediction in `pane`: its latency, and (unless part of the reference) its
    /// feature, prediction and score values.
    @inline(__always)
    private static func add(_ event: Event, features: UnsafeBufferPointer<EventBatch.Feature>, to pane: inout ModelPane,
                            storeFeatures: Bool, featureCount: Int, slots: SymbolIndex,
                            factory: PaneFactory, index: Int) {
        pane.version += 1
        pane.predictions += 1
        if let latency = event.latency { pane.latency.update(latency) }
        guard storeFeatures else { return }
        if let calibrator = factory.calibrator, let score = event.score,
            let predicted = event.prediction.flatMap(Outcomes.binary)
        {
            pane.estimated.update(probability: calibrator.probability(score), predictedPositive: predicted, score: score)
        }
        pane.featurePredictions += 1
        if pane.features.count < featureCount {
            pane.features += Array(repeating: nil, count: featureCount - pane.features.count)
        }
        for feature in features {
            guard let slot = slots[feature.name] else { continue }
            Self.add(feature.value, to: &pane.features[slot], factory.feature(slot: slot, pane: index))
        }
        if let prediction = event.prediction {
            Self.add(prediction, to: &pane.predictionValues, factory.prediction(pane: index, score: false))
        }
        if let score = event.score {
            Self.add(.number(score), to: &pane.scores, factory.prediction(pane: index, score: true))
        }
    }

    private mutating func applyPrediction(_ event: Event, features: UnsafeBufferPointer<EventBatch.Feature>, pane index: Int,
                                          clock: Double, versionKey: Symbol?) {
        counted.predictions += 1
        if let latency = event.latency { counted.latency.update(latency) }
        if let prediction = event.prediction { evidence.add(prediction) }
        if let label = event.label { evidence.add(label) }
        // A prediction that is part of the reference is not also compared with it.
        let isReference = builder != nil
        if builder != nil {
            builder!.add(event, features: features)
            if builder!.predictions >= configuration.referenceSize { freezeReference() }
        }
        let storeFeatures = !isReference
        if storeFeatures {
            for feature in features where slots[feature.name] == nil {
                if !addSlot(feature.name) { counted.featuresOverCap += 1 }
            }
        }
        let slotTable = slots
        let factory = self.factory
        let featureCount = featureNames.count
        let stored: Void? = panes.withPane(index, create: { factory.pane(index) }) { pane -> Void in
            Self.update(&pane.nodes[event.node, default: NodePane()], event: event, symbols: nil)
            if let version = event.version { pane.versions[version, default: 0] += 1 }
            Self.add(event, features: features, to: &pane, storeFeatures: storeFeatures, featureCount: featureCount,
                     slots: slotTable, factory: factory, index: index)
            if let versionKey {
                let v = pane.byVersion.index(of: versionKey, inserting: { factory.pane(index) })
                Self.add(event, features: features, to: &pane.byVersion.values[v], storeFeatures: storeFeatures,
                         featureCount: featureCount, slots: slotTable, factory: factory, index: index)
            }
        }
        if stored == nil { counted.late += 1 }
        guard let prediction = event.prediction else { return }
        let pending = LabelJoin.Prediction(value: prediction, score: event.score, pane: index, isReference: isReference,
                                           time: event.time, version: event.version)
        if let label = event.label {
            record(pending, label: label)
        } else if let id = event.id, let (joined, label) = join.add(pending, key: id, now: clock) {
            record(joined, label: label)
        }
    }

    private mutating func applyLabel(_ event: Event, pane index: Int, clock: Double) {
        counted.labelEvents += 1
        if let label = event.label { evidence.add(label) }
        let factory = self.factory
        let stored: Void? = panes.withPane(index, create: { factory.pane(index) }) { pane -> Void in
            pane.version += 1
            pane.labelEvents += 1
        }
        if stored == nil { counted.late += 1 }
        guard let label = event.label, let id = event.id,
            let prediction = join.add(label: label, key: id, time: event.time, now: clock)
        else { return }
        record(prediction, label: label)
    }

    private mutating func applyMetric(_ event: Event, pane index: Int, symbols: KnownSymbols, versionKey: Symbol?) {
        counted.metrics += 1
        guard let metric = event.metric else { return }
        if metric == symbols.latency { counted.latency.update(event.value) }
        let factory = self.factory
        let stored: Void? = panes.withPane(index, create: { factory.pane(index) }) { pane -> Void in
            pane.version += 1
            pane.metrics[metric, default: Moments()].update(event.value)
            if metric == symbols.latency { pane.latency.update(event.value) }
            Self.update(&pane.nodes[event.node, default: NodePane()], event: event, symbols: symbols)
            if let versionKey {
                let v = pane.byVersion.index(of: versionKey, inserting: { factory.pane(index) })
                pane.byVersion.values[v].metrics[metric, default: Moments()].update(event.value)
                if metric == symbols.latency { pane.byVersion.values[v].latency.update(event.value) }
            }
        }
        if stored == nil { counted.late += 1 }
    }

    /// Counts `event` for its node: predictions and their latency, or latency and error-rate
    /// metrics (`symbols` names them).
    private static func update(_ node: inout NodePane, event: Event, symbols: KnownSymbols?) {
        node.events += 1
        raise(&node.lastEventTime, to: event.time)
        switch event.kind {
        case .prediction:
            node.predictions += 1
            if let latency = event.latency { node.latency.update(latency) }
        case .metric:
            if event.metric == symbols?.latency { node.latency.update(event.value) }
            if event.metric == symbols?.errorRate { node.errorRate.update(event.value) }
        case .label:
            break
        }
    }

    @inline(__always)
    private static func raise(_ value: inout Double, to time: Double) {
        if time > value { value = time }
    }

    /// Adds `value` to `window`, making the window first when there is none (optional chaining
    /// updates in place; comparing with nil would copy the window).
    @inline(__always)
    private static func add(_ value: Value, to window: inout FeatureWindow?,
                            _ configuration: @autoclosure () -> FeatureWindow.Configuration) {
        if window?.update(value) == nil {
            var made = FeatureWindow(configuration: configuration())
            made.update(value)
            window = made
        }
    }

    /// Counts a joined prediction: with the reference's outcomes when it is part of the
    /// reference, else with its pane's.
    private mutating func record(_ prediction: LabelJoin.Prediction, label: Value) {
        if prediction.isReference {
            referenceOutcomes.update(prediction: prediction.value, label: label, score: prediction.score)
            return
        }
        // Its version's figures too, when versions are counted apart.
        let key = prediction.version.flatMap { v in
            statisticsVersions.count < 2 ? nil : statisticsVersions.contains(v) ? v : versionsOther
        }
        let factory = self.factory
        let stored: Void? = panes.withExistingPane(prediction.pane) { pane in
            pane.version += 1
            pane.outcomes.update(prediction: prediction.value, label: label, score: prediction.score)
            // (A worker's pane may have been taken since the prediction: its version's figures start again.)
            if let key {
                let v = pane.byVersion.index(of: key, inserting: { factory.pane(prediction.pane) })
                pane.byVersion.values[v].outcomes.update(prediction: prediction.value, label: label, score: prediction.score)
            }
        }
        if stored == nil { counted.lateLabels += 1 }
    }

    private mutating func freezeReference() {
        guard let builder else { return }
        reference = builder.build(source: .firstPredictions(builder.predictions), maxCategories: configuration.maxCategories)
        counted.featuresOverCap += builder.featuresOverCap
        self.builder = nil
        referenceChanged()
    }

    /// After the reference changed: each slot's reference, the count of slots outside it, the
    /// factory.
    private mutating func referenceChanged() {
        referenceBySlot = featureNames.map { reference?.features[$0] }
        slotsOutsideReference = referenceBySlot.lazy.filter { $0 == nil }.count
        rebuildFactory()
    }

    /// Makes the panes in `window` the model's new reference (their kept values; drift history
    /// starts over, since bins follow the reference).
    mutating func rebaseline(window: ClosedRange<Int>) {
        let merged = self.merged(window)
        guard merged.featurePredictions > 0 else { return }
        var features: [Symbol: FeatureReference] = [:]
        let cap = configuration.maxCategories
        for (slot, name) in featureNames.enumerated() where slot < merged.features.count {
            if let window = merged.features[slot] {
                features[name] = FeatureReference(window: window, predictions: merged.featurePredictions, maxCategories: cap)
            }
        }
        let usesScore = reference?.usesScore ?? (merged.scores != nil)
        let predictionWindow = merged.predictionWindow(usesScore: usesScore)
        reference = ModelReference(
            source: .window, predictions: merged.featurePredictions, features: features,
            prediction: predictionWindow.map { FeatureReference(window: $0, predictions: merged.featurePredictions, maxCategories: cap) },
            usesScore: usesScore, evidence: reference?.evidence ?? TaskEvidence())
        builder = nil
        referenceOutcomes = merged.outcomes
        calibration = nil  // refitted on the new reference's labels
        calibrationCheckedAt = 0
        referenceChanged()
        if let oldest = panes.oldest, let newest = panes.newest {
            for index in oldest...newest { panes.withExistingPane(index) { $0.clearDrift() } }
        }
        sealedThrough = Int.min
    }

    /// Makes a reference of what was collected so far, when the stream ended before
    /// `referenceSize` predictions (reports).
    mutating func finishReference() {
        if builder != nil, builder!.predictions > 0 { freezeReference() }
    }

    /// Evicts the joins older than the label TTL at `now` (the end of a report).
    mutating func expireJoins(now: Double) {
        join.expireAll(now: now)
    }

    /// True when the reference is made of every prediction the model had (a report over fewer
    /// than `referenceSize` predictions): nothing is left to compare with it.
    public var referenceIsWholeInput: Bool {
        if case .firstPredictions(let n)? = reference?.source { return n == counted.predictions && n < configuration.referenceSize }
        return false
    }

    /// Seals the panes that have left the current window (their drift is computed and their
    /// samples dropped).
    mutating func sealPanes(clockPane: Int) {
        let limit = clockPane - configuration.window
        guard limit > sealedThrough, let oldest = panes.oldest, let newest = panes.newest else { return }
        let references = referenceBySlot, prediction = reference?.prediction, usesScore = reference?.usesScore ?? false
        let first = max(oldest, sealedThrough + 1), last = min(limit, newest)
        if first <= last {
            for index in first...last {
                panes.withExistingPane(index) { $0.seal(references: references, prediction: prediction, usesScore: usesScore) }
            }
        }
        sealedThrough = limit
    }

    /// The reference of each feature slot.
    public var references: [FeatureReference?] { referenceBySlot }

    /// The panes in `window` merged into one, in order, onto `base` (a merge of the panes
    /// before `window`, see ``WindowMergeCache``) or an empty pane.
    /// - Complexity: O(panes · (features · (bins + categories) + nodes)).
    public func merged(_ window: ClosedRange<Int>, onto base: ModelPane? = nil) -> ModelPane {
        var merged = base ?? ModelPane(sampleLimit: configuration.sampleLimit, seed: 0, classLimit: configuration.maxCategories)
        panes.forEachPane(in: window) { _, pane in merged.merge(pane) }
        return merged
    }

    /// The drift of pane `index` per feature slot (the prediction is slot -1): what was kept
    /// when the pane was sealed, else computed now (KS D only when `ks`). Nil when the pane is
    /// not kept; empty before the model has a reference.
    /// - Complexity: O(1) for a sealed pane, else ``ModelPane/drift(references:prediction:usesScore:ks:)``.
    public func paneDrift(_ index: Int, ks: Bool) -> [Int: ModelPane.SlotDrift]? {
        panes.reading(index) { pane in
            if let sealed = pane.sealed { return sealed }
            guard let reference else { return [:] }
            return pane.drift(references: referenceBySlot, prediction: reference.prediction, usesScore: reference.usesScore,
                              ks: ks ? .statistic : .none)
        }
    }
}

/// Makes a model's panes and the windows in them, with deterministic sampling seeds.
final class PaneFactory: Sendable {
    let name: Symbol
    let configuration: MonitorConfiguration
    let references: [FeatureReference?]
    let reference: ModelReference?
    /// The score calibration, when there is one (predictions are then estimated): a class, so
    /// the hot path reads its points in place instead of copying them per event.
    let calibrator: Calibrator?

    final class Calibrator: Sendable {
        let calibration: ScoreCalibration
        init(_ calibration: ScoreCalibration) { self.calibration = calibration }
        @inline(__always)
        func probability(_ score: Double) -> Double { calibration.probability(score) }
    }

    init(name: Symbol, configuration: MonitorConfiguration, references: [FeatureReference?], reference: ModelReference?,
         calibration: ScoreCalibration?) {
        self.name = name
        self.configuration = configuration
        self.references = references
        self.reference = reference
        self.calibrator = calibration.map(Calibrator.init)
    }

    func seed(pane: Int, slot: Int) -> UInt64 {
        UInt64(bitPattern: Int64(pane)) &* 0x9e37_79b9_7f4a_7c15 ^ UInt64(bitPattern: Int64(slot + 4)) &* 0xc2b2_ae3d_27d4_eb4f
            ^ UInt64(name.rawValue)
    }

    func pane(_ index: Int) -> ModelPane {
        ModelPane(sampleLimit: configuration.sampleLimit, seed: seed(pane: index, slot: -3), classLimit: configuration.maxCategories)
    }

    /// Streaming windows of referenced features count the reference's bins; the rest keep
    /// numbers and categories apart for later (exact mode keeps every category: the cap is
    /// applied against the reference when drift is computed).
    func feature(slot: Int, pane: Int) -> FeatureWindow.Configuration {
        let limit = configuration.sampleLimit
        if limit != nil, slot < references.count, let reference = references[slot] {
            return reference.windowConfiguration(sampleLimit: limit, maxCategories: configuration.maxCategories,
                                                 seed: seed(pane: pane, slot: slot))
        }
        return FeatureWindow.Configuration(kind: nil, edges: nil, sampleLimit: limit,
                                           maxCategories: limit == nil ? .max : configuration.maxCategories,
                                           seed: seed(pane: pane, slot: slot))
    }

    func prediction(pane: Int, score: Bool) -> FeatureWindow.Configuration {
        let limit = configuration.sampleLimit
        let slot = score ? -2 : -1
        if limit != nil, let reference, reference.usesScore == score, let p = reference.prediction {
            return p.windowConfiguration(sampleLimit: limit, maxCategories: configuration.maxCategories,
                                         seed: seed(pane: pane, slot: slot))
        }
        return FeatureWindow.Configuration(kind: nil, edges: nil, sampleLimit: limit,
                                           maxCategories: limit == nil ? .max : configuration.maxCategories,
                                           seed: seed(pane: pane, slot: slot))
    }
}

/// Symbols the monitor treats specially.
struct KnownSymbols: Sendable {
    var latency: Symbol
    var errorRate: Symbol
    var otherModels: Symbol
    var otherNodes: Symbol
    var otherVersions: Symbol
    var otherMetrics: Symbol

    init(_ symbols: SymbolTable) {
        latency = symbols.intern("latency_ms")
        errorRate = symbols.intern("error_rate")
        otherModels = symbols.intern("(other models)")
        otherNodes = symbols.intern("(other nodes)")
        otherVersions = symbols.intern("(other versions)")
        otherMetrics = symbols.intern("(other metrics)")
    }
}
