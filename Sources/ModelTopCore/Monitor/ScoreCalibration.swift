/// How a binary classifier's scores become probabilities for confidence-based performance
/// estimation (CBPE, as NannyML does it): an isotonic regression of label on score over the
/// reference's labelled predictions, kept only when it lowers the expected calibration error on
/// held-out parts of the reference; otherwise the scores are taken as they are.
public struct ScoreCalibration: Sendable, Equatable {
    /// The fitted map; nil when the scores are used as they are.
    public let map: IsotonicRegression?
    /// The expected calibration error on the reference, of the probabilities used.
    public let referenceECE: Double
    /// Labelled reference predictions it was fitted on.
    public let samples: Int

    /// Whether the scores are recalibrated.
    public var calibrated: Bool { map != nil }

    /// The probability of the positive class for `score`.
    @inline(__always)
    public func probability(_ score: Double) -> Double {
        let p = map.map { $0(score) } ?? score
        return min(max(p, 0), 1)
    }

    /// Splits, test share and bins of the decision, as NannyML's `needs_calibration`.
    public static let splits = 10
    public static let testShare = 0.1
    public static let bins = 10

    /// Decides from `(score, label)` pairs of the reference (label true for the positive
    /// class), each standing for `weight` predictions: fits isotonic regression on 90% of
    /// each class in `splits` seeded stratified splits and compares the ECE of the held-out
    /// 10%, raw and calibrated, pooled over the splits; calibrates when that lowers it. Scores
    /// already separating the classes (ROC AUC > 0.999) or one class alone are left as they are.
    /// Weights enter the fits (a sampled reference), not the ECE comparison.
    /// Nil with no pairs.
    /// - Complexity: O(n log n + splits · n).
    public init?(scores: [Double], labels: [Bool], weights: [Double]? = nil) {
        guard !scores.isEmpty else { return nil }
        samples = scores.count
        let ys = labels.map { $0 ? 1.0 : 0.0 }
        let positives = labels.indices.filter { labels[$0] }, negatives = labels.indices.filter { !labels[$0] }
        var decision = false
        // The scores sorted once, for every split's fit and the final one (only when deciding).
        var order: [Int] = []
        if !positives.isEmpty, !negatives.isEmpty, (Self.auc(scores: scores, labels: labels) ?? 0) <= 0.999 {
            var random = SplitMix64(seed: 42)
            order = IsotonicRegression.order(of: scores)
            // The held-out sets drawn in turn from the one seeded generator, then fitted over the
            // cores (the fits are independent); pooled in split order.
            var tests: [[Int]] = []
            for _ in 0..<Self.splits {
                var test: [Int] = []
                for group in [positives, negatives] {
                    // A tenth of each class held out (one at least, while one stays to fit on).
                    let count = min(max(1, Int((Double(group.count) * Self.testShare).rounded())), group.count - 1)
                    var shuffled = group
                    for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                        shuffled.swapAt(i, Int(random.next() % UInt64(i + 1)))
                    }
                    test += shuffled.prefix(max(count, 0))
                }
                // In index order: equal probabilities are binned in the order they come.
                test.sort()
                tests.append(test)
            }
            let fits = tests.parallelMap { [order] test in Self.heldOut(test, scores: scores, ys: ys, weights: weights, order: order) }
            var raw: [Double] = [], fitted: [Double] = [], truth: [Double] = []
            for fit in fits {
                guard let fit else { continue }
                raw += fit.raw; fitted += fit.fitted; truth += fit.truth
            }
            decision = Self.ece(fitted, truth) < Self.ece(raw, truth)
        }
        map = decision ? IsotonicRegression(x: scores, y: ys, weights: weights, order: order) : nil
        let used = map.map { m in scores.map { m($0) } } ?? scores
        referenceECE = Self.ece(used, ys)
    }

    /// The held-out points `test` (in index order) of one split, raw and as fitted on the
    /// others: their scores, the fit's probabilities and their labels. Nil when no point is left
    /// to fit on.
    /// - Complexity: O(n + test · log n).
    private static func heldOut(_ test: [Int], scores: [Double], ys: [Double], weights: [Double]?,
                                order: [Int]) -> (raw: [Double], fitted: [Double], truth: [Double])? {
        var held = [Bool](repeating: false, count: scores.count)
        for i in test { held[i] = true }
        guard let map = IsotonicRegression(x: scores, y: ys, weights: weights, order: order.filter { !held[$0] }) else { return nil }
        return (test.map { scores[$0] }, test.map { map(scores[$0]) }, test.map { ys[$0] })
    }

    /// Expected calibration error over equal-count bins of the sorted probabilities (NannyML's
    /// `_calculate_expected_calibration_error` with its `_get_bin_index_edges`).
    static func ece(_ probabilities: [Double], _ truth: [Double]) -> Double {
        let n = probabilities.count
        guard n >= 2 else { return 0 }
        let order = IsotonicRegression.order(of: probabilities)
        let bins = n <= 2 * Self.bins ? max(n / 2, 1) : Self.bins
        let width = max(n / bins, 1)
        var edges = Array(stride(from: 0, through: n, by: width))
        edges[edges.count - 1] = n
        var total = 0.0
        for (left, right) in zip(edges, edges.dropFirst()) where right > left {
            var p = 0.0, t = 0.0
            for i in order[left..<right] {
                p += probabilities[i]
                t += truth[i]
            }
            let size = Double(right - left)
            total += size / Double(n) * abs(p / size - t / size)
        }
        return total
    }

    /// ROC AUC of scores against labels (ties count one half).
    static func auc(scores: [Double], labels: [Bool]) -> Double? {
        let positives = scores.indices.filter { labels[$0] }.map { scores[$0] }
        let negatives = scores.indices.filter { !labels[$0] }.map { scores[$0] }
        return Outcomes.rocArea([(RadixSort.sorted(positives), true, 1), (RadixSort.sorted(negatives), false, 1)])
    }
}
