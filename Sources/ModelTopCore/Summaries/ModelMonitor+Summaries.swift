extension ModelMonitor {
    // MARK: Worker side

    /// This model's lifetime figures, for a summary block.
    mutating func summary(instance: UInt64, symbols: SymbolTable) -> ModelSummary {
        _ = summaryChanged()
        return ModelSummary(instance: instance, model: name, referenceFingerprint: referenceFingerprint(symbols: symbols),
                     totals: counted, nodeLastSeen: nodeLastSeen.pairs.map { ($0.key, $0.value) },
                     versionFirstSeen: versionFirstSeen.pairs.map { ($0.key, $0.value) }, statisticsVersions: statisticsVersions,
                     evidence: evidence, expiredPredictions: join.expiredPredictions, unmatchedLabels: join.unmatchedLabels,
                     pendingPredictions: join.pendingPredictions, pendingLabels: join.pendingLabels)
    }

    /// True when the counts a summary carries changed since the last call.
    mutating func summaryChanged() -> Bool {
        let counts = [counted.predictions, counted.labelEvents, counted.metrics, counted.late, counted.lateLabels,
                      join.expiredPredictions, join.unmatchedLabels, join.pendingPredictions, join.pendingLabels]
        defer { summarizedCounts = counts }
        return counts != summarizedCounts
    }

    /// The reference's fingerprint when it comes from a reference file (0 otherwise: a
    /// reference of one process's first predictions is not another's).
    func referenceFingerprint(symbols: SymbolTable) -> UInt64 {
        guard let reference, reference.source == .file else { return 0 }
        return reference.fingerprint(symbols: symbols)
    }

    /// Keeps the changed panes that pane `index` will push out of the history.
    /// - Complexity: O(panes pushed out).
    mutating func keepEvicted(before index: Int) {
        guard let oldest = panes.oldest, let newest = panes.newest else { return }
        let last = min(newest, index - panes.capacity)
        guard last >= oldest else { return }
        let sole = statisticsVersions.count == 1 ? statisticsVersions[0] : nil
        for i in oldest...last {
            guard let pane = panes.pane(i), pane.version > 0 else { continue }
            evicted.append(PaneFragment(instance: 0, model: name, start: Double(i) * configuration.paneSeconds,
                                        featureNames: featureNames, soleVersion: pane.byVersion.isEmpty ? sole : nil, pane: pane))
        }
    }

    /// Takes every pane changed since the last take, leaving empty panes in their place (so late
    /// labels and events still find them): what the next block carries.
    /// - Complexity: O(panes kept).
    mutating func takeFragments(instance: UInt64) -> [PaneFragment] {
        guard let oldest = panes.oldest, let newest = panes.newest else { return evicted }
        let factory = self.factory, names = featureNames
        let sole = statisticsVersions.count == 1 ? statisticsVersions[0] : nil
        let seconds = configuration.paneSeconds
        var fragments = evicted.map { f in
            var f = f
            f.instance = instance
            return f
        }
        evicted = []
        for index in oldest...newest {
            panes.withExistingPane(index) { pane in
                guard pane.version > 0 else { return }
                fragments.append(PaneFragment(instance: instance, model: name, start: Double(index) * seconds,
                                              featureNames: names, soleVersion: pane.byVersion.isEmpty ? sole : nil, pane: pane))
                pane = factory.pane(index)
            }
        }
        return fragments
    }

    // MARK: Merging side

    /// Keeps a worker's lifetime figures of this model (the newest per instance).
    mutating func absorb(_ summary: ModelSummary) {
        for (node, time) in summary.nodeLastSeen where time > nodeLastSeen[node] ?? -.infinity {
            nodeLastSeen[node, default: time] = time
        }
        for (version, time) in summary.versionFirstSeen where time < versionFirstSeen[version] ?? .infinity {
            versionFirstSeen[version, default: time] = time
        }
        absorbed.update(summary)
    }

    /// Adds a worker's fragment to the pane of its event time (`clock`: the fleet's, for
    /// sealing). Feature names get slots here; versions get figures of their own as they would
    /// from events (the second version seeds them).
    /// - Returns: false when the pane is older than the history keeps (counted late).
    @discardableResult
    mutating func absorb(_ fragment: PaneFragment, clock: Double?, otherVersions: Symbol) -> Bool {
        let index = configuration.pane(of: fragment.start)
        if calibration == nil { fitCalibrationIfReady() }  // as the first events would
        var map: [Int?] = []
        map.reserveCapacity(fragment.featureNames.count)
        for name in fragment.featureNames {
            if let slot = slots[name] {
                map.append(slot)
            } else {
                map.append(addSlot(name) ? featureNames.count - 1 : nil)
            }
        }
        // Versions as events would count them.
        var versions = fragment.pane.versions.keys + fragment.pane.byVersion.keys
        if let sole = fragment.soleVersion { versions.append(sole) }
        for version in versions {
            _ = statisticsKey(version, time: versionFirstSeen[version] ?? fragment.start, other: otherVersions)
        }
        let perVersion = statisticsVersions.count >= 2
        let keys = statisticsVersions, other = versionsOther ?? otherVersions
        let factory = self.factory
        let window: (Int) -> FeatureWindow.Configuration = { slot in
            switch slot {
            case -1: factory.prediction(pane: index, score: false)
            case -2: factory.prediction(pane: index, score: true)
            default: factory.feature(slot: slot, pane: index)
            }
        }
        let references = self.references, prediction = reference?.prediction, usesScore = reference?.usesScore ?? false
        // Panes a window behind the clock are sealed, also those that only now get a fragment.
        let sealsPanes = configuration.sampleLimit != nil && !configuration.emitsSummaries
        let sealLimit = sealsPanes ? clock.map { configuration.pane(of: $0) - configuration.window } : nil
        let stored: Void? = panes.withPane(index, create: { factory.pane(index) }) { pane in
            pane.absorb(fragment.pane, slots: map, window: window)
            defer {
                if pane.sealed != nil {
                    // Sealed before this worker's part came (it was behind, or read later).
                    pane.reseal(references: references, prediction: prediction, usesScore: usesScore)
                } else if let sealLimit, index <= sealLimit {
                    pane.seal(references: references, prediction: prediction, usesScore: usesScore)
                }
            }
            guard perVersion else { return }
            if fragment.pane.byVersion.isEmpty, let sole = fragment.soleVersion {
                var copy = fragment.pane
                copy.nodes = SmallMap()
                copy.versions = SmallMap()
                let key = keys.contains(sole) ? sole : other
                pane.byVersion[key, default: factory.pane(index)].absorb(copy, slots: map, window: window)
            } else {
                for (version, part) in fragment.pane.byVersion.pairs {
                    let key = keys.contains(version) ? version : other
                    pane.byVersion[key, default: factory.pane(index)].absorb(part, slots: map, window: window)
                }
            }
        }
        if stored == nil { absorbed.latePanes += 1 }
        if sealsPanes, let clock { sealPanes(clockPane: configuration.pane(of: clock)) }
        return stored != nil
    }
}
