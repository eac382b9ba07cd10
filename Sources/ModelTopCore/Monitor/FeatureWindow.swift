/// The values of one feature (or of the prediction) in one pane or a merged window.
///
/// Numbers go to fixed bins (when the reference's edges are known), a reservoir sample for KS
/// and running moments; other values to category counts. Null and absent values are not
/// stored: the missing rate is `1 - present / predictions`.
public struct FeatureWindow: Sendable {
    /// What the window stores.
    public struct Configuration: Sendable, Equatable {
        /// The reference's kind once known; nil stores numbers and categories apart, so the kind
        /// can be applied later (exact mode).
        public var kind: FeatureKind?
        /// The reference's PSI edges, for counting bins as values arrive.
        public let binEdges: BinEdges?
        public var sampleLimit: Int?
        /// Distinct categories counted one by one; the rest as ``FeatureWindow/otherCategory``.
        public var maxCategories: Int
        /// The categories the reference kept (by ``CategoryCounts/key(_:)``): when set, exactly
        /// these are counted one by one and every other value as ``FeatureWindow/otherCategory``,
        /// so window and reference are capped alike.
        public var keptCategories: Set<UInt64>?
        public var seed: UInt64

        public init(kind: FeatureKind?, edges: [Double]?, sampleLimit: Int?, maxCategories: Int, seed: UInt64,
                    keptCategories: Set<UInt64>? = nil) {
            self.kind = kind
            binEdges = edges.map(BinEdges.init)
            self.sampleLimit = sampleLimit
            self.maxCategories = maxCategories
            self.seed = seed
            self.keptCategories = keptCategories
        }
    }

    /// The category that stands for all categories past ``Configuration/maxCategories``.
    public static let otherCategory = Value.string(Symbol(rawValue: .max))

    public let configuration: Configuration
    /// Numbers counted (into bins, sample and moments).
    public internal(set) var numbers = 0
    /// Values of the wrong kind: strings or bools in a numeric feature.
    public internal(set) var mismatched = 0
    public internal(set) var bins: [Int]
    /// This window's own sample of numbers (empty, and unallocated, until a number arrives).
    var own: Reservoir
    /// The samples of windows merged in (one reservoir per pane).
    var merged: [Reservoir] = []
    public internal(set) var moments = Moments()
    public internal(set) var categories = CategoryCounts()

    public init(configuration: Configuration) {
        self.configuration = configuration
        bins = configuration.binEdges.map { [Int](repeating: 0, count: $0.binCount) } ?? []
        own = Reservoir(limit: configuration.sampleLimit, seed: configuration.seed)
    }

    /// Non-null values counted.
    public var present: Int { numbers + mismatched + categories.total }

    /// True when some categories were counted together as ``otherCategory``.
    public var isCapped: Bool { categories.contains(Self.otherCategory) }

    /// The samples of numbers: this window's and those merged in.
    public var segments: [Reservoir] { own.seen > 0 ? [own] + merged : merged }

    /// Adds one non-null value.
    /// - Complexity: O(log bins) for numbers, O(1) expected for categories.
    public mutating func update(_ value: Value) {
        switch (value, configuration.kind) {
        case (.null, _):
            return
        case (.number(let x), .numeric), (.number(let x), nil):
            numbers += 1
            if let edges = configuration.binEdges { bins[edges.bin(of: x)] += 1 }
            own.update(x)
            moments.update(x)
        case (_, .numeric):
            mismatched += 1
        default:
            count(value, 1)
        }
    }

    mutating func count(_ value: Value, _ n: Int) {
        if let kept = configuration.keptCategories {
            categories.add(kept.contains(CategoryCounts.key(value)) ? value : Self.otherCategory, n)
        } else if categories.count < configuration.maxCategories || categories.contains(value) {
            categories.add(value, n)
        } else {
            categories.add(Self.otherCategory, n)
        }
    }

    /// Adds another window of the same feature and configuration (a pane into a window).
    /// - Complexity: O(bins + categories + segments).
    public mutating func merge(_ other: FeatureWindow) {
        numbers += other.numbers
        mismatched += other.mismatched
        if bins.count == other.bins.count {
            for i in bins.indices { bins[i] += other.bins[i] }
        }
        // `other.segments` and `categories.pairs` without the arrays they build (allocations
        // per window merged, on the presenter's path).
        if other.own.seen > 0 { merged.append(other.own) }
        merged += other.merged
        moments.merge(other.moments)
        other.categories.forEach { value, n in count(value, n) }
    }

    /// Forgets the KS sample (counts, bins, moments and categories stay), once a pane's drift
    /// has been computed.
    public mutating func dropSamples() {
        own = Reservoir(limit: configuration.sampleLimit, seed: configuration.seed)
        merged.removeAll()
    }

    /// The sampled numbers, sorted, with the weight each stands for (all 1 when nothing was
    /// dropped from the sample).
    public func sortedSample() -> (values: [Double], weights: [Double]?) {
        let segments = self.segments
        if segments.count == 1 || segments.allSatisfy({ $0.seen == $0.values.count }) {
            var values = segments.flatMap(\.values)
            RadixSort.sort(&values)
            return (values, nil)
        }
        let pairs = segments.flatMap { s in s.values.map { ($0, s.weight) } }.sorted { $0.0 < $1.0 }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    /// Category counts, with numbers counted as categories (for a categorical feature whose
    /// numbers were stored as numbers, in exact mode).
    public func categoryCounts() -> [Value: Int] {
        var counts = categories.dictionary
        if configuration.kind == nil {
            for segment in segments {
                for x in segment.values { counts[.number(x), default: 0] += 1 }
            }
        }
        return counts
    }
}
