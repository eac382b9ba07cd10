extension ModelPane {
    /// Writes the pane's figures; feature windows by slot (the record names the slots).
    func write(to w: inout SummaryWriter) {
        w.count(predictions)
        w.count(featurePredictions)
        w.count(labelEvents)
        outcomes.write(to: &w)
        estimated.write(to: &w)
        latency.write(to: &w)
        w.count(metrics.count)
        for (name, m) in metrics.pairs {
            w.symbol(name)
            m.write(to: &w)
        }
        w.count(features.count)
        for window in features {
            w.bool(window != nil)
            window?.write(to: &w)
        }
        for window in [predictionValues, scores] {
            w.bool(window != nil)
            window?.write(to: &w)
        }
        w.count(nodes.count)
        for (name, node) in nodes.pairs {
            w.symbol(name)
            node.write(to: &w)
        }
        w.count(versions.count)
        for (name, n) in versions.pairs {
            w.symbol(name)
            w.count(n)
        }
        w.count(byVersion.count)
        for (name, pane) in byVersion.pairs {
            w.symbol(name)
            pane.write(to: &w)
        }
    }

    /// A pane as written. `depth` bounds the nesting (a version's pane has no versions).
    init(reading r: inout SummaryReader, classLimit: Int, depth: Int = 0) throws {
        self.init(sampleLimit: nil, seed: 0, classLimit: classLimit)
        predictions = try r.number()
        featurePredictions = try r.number()
        labelEvents = try r.number()
        outcomes = try Outcomes(reading: &r, classLimit: classLimit)
        estimated = try EstimatedOutcomes(reading: &r)
        latency = try LatencyHistogram(reading: &r)
        for _ in 0..<(try r.count(minimumSize: 2)) {
            let name = try r.symbol()
            metrics[name, default: Moments()].merge(try Moments(reading: &r))
        }
        features = try (0..<(try r.count())).map { _ in try r.bool() ? try FeatureWindow(reading: &r) : nil }
        predictionValues = try r.bool() ? try FeatureWindow(reading: &r) : nil
        scores = try r.bool() ? try FeatureWindow(reading: &r) : nil
        for _ in 0..<(try r.count(minimumSize: 2)) {
            let name = try r.symbol()
            nodes[name, default: NodePane()].merge(try NodePane(reading: &r))
        }
        for _ in 0..<(try r.count(minimumSize: 2)) {
            let name = try r.symbol()
            versions[name, default: 0] += try r.number()
        }
        let versionPanes = try r.count(minimumSize: 2)
        guard versionPanes == 0 || depth == 0 else { throw SummaryFormatError.malformed("versions nested in a version's pane") }
        for _ in 0..<versionPanes {
            let name = try r.symbol()
            byVersion[name, default: ModelPane(sampleLimit: nil, seed: 0, classLimit: classLimit)] =
                try ModelPane(reading: &r, classLimit: classLimit, depth: depth + 1)
        }
    }

    /// Adds a pane read from a summary, its feature slots mapped to this process's (`slots[i]`:
    /// the slot of the summary's slot `i`, nil to leave it out); `window(slot)` makes a window
    /// this process's way (binned on its reference) for a slot the pane has none of yet, the
    /// prediction (-1) and the score (-2) included.
    /// - Complexity: O(features · (bins + categories + sample limit)).
    mutating func absorb(_ other: ModelPane, slots: [Int?],
                         window: (Int) -> FeatureWindow.Configuration) {
        version += 1
        mergeCounts(other)
        outcomes.absorb(other.outcomes)
        for (i, w) in other.features.enumerated() {
            guard let w, i < slots.count, let slot = slots[i] else { continue }
            if features.count <= slot { features += Array(repeating: nil, count: slot + 1 - features.count) }
            Self.absorb(w, into: &features[slot], window(slot))
        }
        if let w = other.predictionValues { Self.absorb(w, into: &predictionValues, window(-1)) }
        if let w = other.scores { Self.absorb(w, into: &scores, window(-2)) }
    }

    private static func absorb(_ other: FeatureWindow, into window: inout FeatureWindow?,
                               _ configuration: @autoclosure () -> FeatureWindow.Configuration) {
        if window?.absorb(other) == nil {
            var made = FeatureWindow(configuration: configuration())
            made.absorb(other)
            window = made
        }
    }
}
