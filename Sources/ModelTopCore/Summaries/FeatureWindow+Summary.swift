extension FeatureWindow {
    func write(to w: inout SummaryWriter) {
        w.byte(configuration.kind == nil ? 0 : configuration.kind == .numeric ? 1 : 2)
        w.count(numbers)
        w.count(mismatched)
        w.count(bins.count)
        for n in bins { w.count(n) }
        let segments = self.segments
        w.count(segments.count)
        for s in segments { s.write(to: &w) }
        moments.write(to: &w)
        categories.write(to: &w)
    }

    /// A window as written: its samples as segments, no edges (a merge adds its bins to a
    /// window made from this process's reference).
    init(reading r: inout SummaryReader) throws {
        let kind: FeatureKind?
        switch try r.byte() {
        case 0: kind = nil
        case 1: kind = .numeric
        case 2: kind = .categorical
        case let tag: throw SummaryFormatError.malformed("bad feature kind \(tag)")
        }
        self.init(configuration: Configuration(kind: kind, edges: nil, sampleLimit: nil, maxCategories: .max, seed: 0))
        numbers = try r.number()
        mismatched = try r.number()
        bins = try (0..<(try r.count())).map { _ in try r.number() }
        merged = try (0..<(try r.count(minimumSize: 3))).map { _ in try Reservoir(reading: &r) }
        moments = try Moments(reading: &r)
        categories = try CategoryCounts(reading: &r)
    }

    /// Adds a window read from a summary (another process's pane of the same feature, binned on
    /// the same reference): like ``merge(_:)``, but its samples are folded into this window's
    /// own reservoir, so memory stays at one sample however many summaries arrive.
    /// - Complexity: O(bins + categories + sample limit).
    mutating func absorb(_ other: FeatureWindow) {
        numbers += other.numbers
        mismatched += other.mismatched
        if bins.count == other.bins.count {
            for i in bins.indices { bins[i] += other.bins[i] }
        }
        for segment in other.segments where !own.absorb(segment) { merged.append(segment) }
        moments.merge(other.moments)
        for (value, n) in other.categories.pairs { count(value, n) }
    }
}
