/// One model's lifetime figures at a worker (cumulative: the newest replaces the one before).
public struct ModelSummary: Sendable {
    public var instance: UInt64
    public var model: Symbol
    /// ``ModelReference/fingerprint`` of the worker's reference (0: none): panes binned on
    /// another reference cannot be merged.
    public var referenceFingerprint: UInt64
    public var totals: ModelMonitor.Totals
    public var nodeLastSeen: [(Symbol, Double)]
    public var versionFirstSeen: [(Symbol, Double)]
    /// The versions with figures of their own, in order of first event.
    public var statisticsVersions: [Symbol]
    public var evidence: TaskEvidence
    public var expiredPredictions: Int
    public var unmatchedLabels: Int
    public var pendingPredictions: Int
    public var pendingLabels: Int

}

extension ModelSummary {
    func write(to w: inout SummaryWriter) {
        w.varint(instance)
        w.symbol(model)
        w.varint(referenceFingerprint)
        totals.write(to: &w)
        for pairs in [nodeLastSeen, versionFirstSeen] {
            w.count(pairs.count)
            for (name, time) in pairs {
                w.symbol(name)
                w.double(time)
            }
        }
        w.count(statisticsVersions.count)
        for v in statisticsVersions { w.symbol(v) }
        evidence.write(to: &w)
        for n in [expiredPredictions, unmatchedLabels, pendingPredictions, pendingLabels] { w.count(n) }
    }

    init(reading r: inout SummaryReader) throws {
        instance = try r.varint()
        model = try r.symbol()
        referenceFingerprint = try r.varint()
        totals = try ModelMonitor.Totals(reading: &r)
        nodeLastSeen = try (0..<(try r.count(minimumSize: 9))).map { _ in (try r.symbol(), try r.double()) }
        versionFirstSeen = try (0..<(try r.count(minimumSize: 9))).map { _ in (try r.symbol(), try r.double()) }
        statisticsVersions = try (0..<(try r.count())).map { _ in try r.symbol() }
        evidence = try TaskEvidence(reading: &r)
        expiredPredictions = try r.number()
        unmatchedLabels = try r.number()
        pendingPredictions = try r.number()
        pendingLabels = try r.number()
    }
}

extension ModelMonitor.Totals {
    func write(to w: inout SummaryWriter) {
        for n in [predictions, labelEvents, metrics, late, lateLabels, featuresOverCap, nodesOverCap, versionsOverCap,
                  metricsOverCap] {
            w.count(n)
        }
        latency.write(to: &w)
        w.double(firstEventTime)
        w.double(lastEventTime)
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        predictions = try r.number()
        labelEvents = try r.number()
        metrics = try r.number()
        late = try r.number()
        lateLabels = try r.number()
        featuresOverCap = try r.number()
        nodesOverCap = try r.number()
        versionsOverCap = try r.number()
        metricsOverCap = try r.number()
        latency = try LatencyHistogram(reading: &r)
        firstEventTime = try r.double()
        lastEventTime = try r.double()
    }

    /// Adds another process's counts of the same model.
    mutating func merge(_ other: Self) {
        predictions += other.predictions
        labelEvents += other.labelEvents
        metrics += other.metrics
        late += other.late
        lateLabels += other.lateLabels
        featuresOverCap += other.featuresOverCap
        nodesOverCap += other.nodesOverCap
        versionsOverCap += other.versionsOverCap
        metricsOverCap += other.metricsOverCap
        latency.merge(other.latency)
        firstEventTime = min(firstEventTime, other.firstEventTime)
        lastEventTime = max(lastEventTime, other.lastEventTime)
    }
}
