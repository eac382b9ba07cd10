extension FleetMonitor {
    /// Everything that changed since the last call, as records of one summary block: `worker`
    /// first, then per model its lifetime figures and the panes it changed (taken: they start
    /// empty again). What a worker (`--emit-panes`) writes every interval.
    /// - Complexity: O(models · panes kept), plus the changed panes' size.
    public mutating func takeSummaries(worker: WorkerSummary) -> [SummaryRecord] {
        var worker = worker
        worker.clock = clock
        worker.outOfRange = outOfRange
        worker.modelsOverCap = modelsOverCap
        worker.paneSeconds = configuration.paneSeconds
        worker.sampleLimit = configuration.sampleLimit
        worker.maxCategories = configuration.maxCategories
        var records: [SummaryRecord] = [.worker(worker)]
        version += 1
        for i in models.indices {
            let fragments = models[i].takeFragments(instance: worker.instance)
            models[i].changedAt = version
            guard !fragments.isEmpty || models[i].summaryChanged() else { continue }
            records.append(.model(models[i].summary(instance: worker.instance, symbols: symbols)))
            records += fragments.map(SummaryRecord.pane)
        }
        return records
    }

    /// Merges records read from summary blocks: workers' lifetime figures replace their
    /// previous ones, fragments add to the panes of their event time. Fragments that cannot be
    /// merged exactly (another reference, longer panes) are counted in ``skippedFragments``.
    /// - Complexity: O(records · fragment size).
    public mutating func absorb(_ records: [SummaryRecord]) {
        guard !records.isEmpty else { return }
        version += 1
        for record in records {
            switch record {
            case .worker(let w):
                if let known = workers[w.instance], known.sequence > w.sequence { continue }
                workers[w.instance] = w
                if let c = w.clock { clock = max(clock ?? c, c) }
            case .model(let m):
                guard let i = modelIndex(m.model) else { continue }
                models[i].absorb(m)
                models[i].changedAt = version
            case .pane(let f):
                guard let worker = workers[f.instance] else {
                    skippedFragments.unknownModel += 1
                    continue
                }
                if !configuration.paneSeconds.isInfinite {
                    let ratio = configuration.paneSeconds / worker.paneSeconds
                    guard ratio >= 1, ratio == ratio.rounded() else {
                        skippedFragments.paneMismatch += 1
                        continue
                    }
                }
                guard let i = index[f.model], let summary = models[i].absorbed.summaries[f.instance] else {
                    skippedFragments.unknownModel += 1
                    continue
                }
                let mine = models[i].referenceFingerprint(symbols: symbols)
                guard mine != 0, summary.referenceFingerprint == mine else {
                    skippedFragments.referenceDiffers += 1
                    continue
                }
                models[i].absorb(f, clock: sealingClock, otherVersions: known.otherVersions)
                models[i].changedAt = version
            }
        }
    }

    /// The event time up to which panes are complete: the slowest worker's clock (of those heard
    /// from in the minute before the newest block), so a pane is sealed (its KS computed, its
    /// sample dropped) only once every live worker has passed it.
    var sealingClock: Double? {
        guard let newest = workers.values.map(\.wallTime).max() else { return clock }
        return workers.values.filter { $0.wallTime >= newest - 60 }.compactMap(\.clock).min() ?? clock
    }

    /// The index of `model`'s monitor, made when new (nil past the model cap: a worker counts
    /// those under "(other models)" itself).
    private mutating func modelIndex(_ model: Symbol) -> Int? {
        if let i = index[model] { return i }
        guard models.count < configuration.maxModels else { return nil }
        return addModel(model)
    }

    /// Events the merged workers counted.
    public var workerEvents: Int { workers.values.reduce(0) { $0 + $1.events } }
}
