/// Predictions joined with their labels in one pane or window: accuracy, the binary confusion
/// matrix, per-class counts (macro averages), regression errors, and (score, label) pairs for
/// ROC AUC. Every metric is kept; the model's ``ModelTask`` decides which are reported.
public struct Outcomes: Sendable {
    /// One class's counts, for macro-averaged precision and recall.
    public struct ClassTally: Sendable, Equatable {
        public var value: Value
        /// Predicted this class and the label was this class.
        public var truePositives = 0
        /// Predicted this class.
        public var predicted = 0
        /// The label was this class.
        public var actual = 0
    }

    /// Joined predictions.
    public internal(set) var joined = 0
    /// Joined predictions equal to their label.
    public internal(set) var correct = 0
    public internal(set) var truePositives = 0
    public internal(set) var falsePositives = 0
    public internal(set) var falseNegatives = 0
    public internal(set) var trueNegatives = 0
    /// Pairs whose prediction and label were both binary (0/1, true/false).
    public internal(set) var binaryPairs = 0
    /// Absolute and signed errors of numeric pairs (overflow-proof: see ``Moments``).
    var absoluteErrors = Moments()
    var errors = Moments()
    /// Numeric (prediction, label) pairs, for MAE/RMSE.
    public var numericPairs: Int { errors.count }
    /// Counts per class (label or prediction value), at most ``classLimit`` classes.
    var classes = HashSlots<ClassTally>()
    /// Pairs whose class was past ``classLimit`` (left out of the macro averages).
    public internal(set) var classOverflow = 0
    public let classLimit: Int
    /// Scores of positive and negative examples: one reservoir per pane merged in (the first
    /// is this pane's own).
    var positiveScores: [Reservoir]
    var negativeScores: [Reservoir]

    public init(sampleLimit: Int?, seed: UInt64, classLimit: Int = 1000) {
        positiveScores = [Reservoir(limit: sampleLimit, seed: seed)]
        negativeScores = [Reservoir(limit: sampleLimit, seed: seed ^ 0x5bd1_e995)]
        self.classLimit = classLimit
    }

    /// Adds one joined prediction.
    /// - Complexity: O(1) expected.
    public mutating func update(prediction: Value, label: Value, score: Double?) {
        joined += 1
        let hit = Outcomes.matches(prediction, label)
        if hit { correct += 1 }
        if let p = Outcomes.binary(prediction), let l = Outcomes.binary(label) {
            binaryPairs += 1
            switch (p, l) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
            if let score {
                if l { positiveScores[0].update(score) } else { negativeScores[0].update(score) }
            }
        }
        if case .number(let p) = prediction, case .number(let l) = label {
            // p - l overflows only past ±1.8e308: halve both sides then, and double back.
            let difference = p - l
            let error = difference.isFinite ? difference : (p / 2 - l / 2) * 2
            absoluteErrors.update(abs(error))
            errors.update(error)
        }
        if hit {
            // The same class (a hit's prediction and label have one key): one lookup.
            tally(prediction, pairs: 2) {
                $0.predicted += 1
                $0.truePositives += 1
                $0.actual += 1
            }
        } else {
            tally(prediction) { $0.predicted += 1 }
            tally(label) { $0.actual += 1 }
        }
    }

    /// The key of a class: bools as the numbers 0 and 1 (a bool label matches a 0/1 prediction).
    static func classKey(_ value: Value) -> UInt64 {
        if case .bool(let b) = value { return CategoryCounts.key(.number(b ? 1 : 0)) }
        return CategoryCounts.key(value)
    }

    /// Applies `change` to the tally of `value`'s class; past the class limit, a new class's
    /// `pairs` sides are counted in ``classOverflow`` instead.
    @inline(__always)
    private mutating func tally(_ value: Value, pairs: Int = 1, _ change: (inout ClassTally) -> Void) {
        let key = Self.classKey(value)
        // The lookup for the limit only at the limit.
        if classes.count >= classLimit && classes[key] == nil {
            classOverflow += pairs
            return
        }
        classes.modify(key, default: { ClassTally(value: value) }, change)
    }

    /// - Complexity: O(classes) plus the score samples' reservoirs.
    public mutating func merge(_ other: Outcomes) {
        joined += other.joined
        correct += other.correct
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        falseNegatives += other.falseNegatives
        trueNegatives += other.trueNegatives
        binaryPairs += other.binaryPairs
        absoluteErrors.merge(other.absoluteErrors)
        errors.merge(other.errors)
        classOverflow += other.classOverflow
        for (key, tally) in other.classes.entries {
            if classes.count >= classLimit && classes[key] == nil {
                classOverflow += tally.predicted + tally.actual
                continue
            }
            classes.modify(key, default: { ClassTally(value: tally.value) }) {
                $0.truePositives += tally.truePositives
                $0.predicted += tally.predicted
                $0.actual += tally.actual
            }
        }
        positiveScores += other.positiveScores
        negativeScores += other.negativeScores
    }

    /// Share of joined predictions equal to their label; nil with none.
    public var accuracy: Double? { ratio(correct, joined) }

    // MARK: Binary

    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double? {
        guard let p = precision, let r = recall else { return nil }
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }

    /// ROC AUC: the probability that a positive scores above a negative, ties counting half
    /// (Mann-Whitney U / (n_pos · n_neg)); weighted when the score samples were limited. Nil
    /// without both classes.
    /// - Complexity: O(n · samples): a radix sort per sample, then one sweep.
    public var rocAUC: Double? {
        var groups: [(scores: [Double], positive: Bool, weight: Double)] = []
        for r in positiveScores where !r.values.isEmpty { groups.append((RadixSort.sorted(r.values), true, r.weight)) }
        for r in negativeScores where !r.values.isEmpty { groups.append((RadixSort.sorted(r.values), false, r.weight)) }
        return Self.rocArea(groups)
    }

    /// ROC AUC of groups of sorted scores, each of one class with a weight per score (ties
    /// counting half); nil without both classes.
    /// - Complexity: O(scores · groups): the groups are swept together in score order, equal
    ///   scores taken as one step.
    static func rocArea(_ groups: [(scores: [Double], positive: Bool, weight: Double)]) -> Double? {
        guard groups.contains(where: { $0.positive && !$0.scores.isEmpty }),
            groups.contains(where: { !$0.positive && !$0.scores.isEmpty })
        else { return nil }
        var next = [Int](repeating: 0, count: groups.count)
        var negativeBelow = 0.0, area = 0.0, positiveTotal = 0.0
        while true {
            // The lowest score left in any group.
            var low: Double?
            for g in groups.indices where next[g] < groups[g].scores.count {
                let s = groups[g].scores[next[g]]
                if low == nil || s < low! || low!.isNaN { low = s }  // NaNs (last in each group) last
            }
            guard let score = low else { break }
            var positive = 0.0, negative = 0.0
            var took = false
            for g in groups.indices {
                let scores = groups[g].scores
                var i = next[g]
                while i < scores.count, scores[i] == score {
                    if groups[g].positive { positive += groups[g].weight } else { negative += groups[g].weight }
                    i += 1
                }
                took = took || i > next[g]
                next[g] = i
            }
            if !took {
                // A NaN score: equal to nothing, taken alone.
                for g in groups.indices where next[g] < groups[g].scores.count {
                    if groups[g].positive { positive += groups[g].weight } else { negative += groups[g].weight }
                    next[g] += 1
                    break
                }
            }
            area += positive * (negativeBelow + 0.5 * negative)
            negativeBelow += negative
            positiveTotal += positive
        }
        return area / (positiveTotal * negativeBelow)
    }

    // MARK: Multiclass

    /// Counts per class, most frequent label first.
    public var classTallies: [ClassTally] {
        classes.entries.map(\.value).sorted { ($0.actual, $0.predicted) > ($1.actual, $1.predicted) }
    }

    /// Macro-averaged precision, recall and F1 over every class seen as a label or a
    /// prediction: each class's value (0 when undefined: a class never predicted has
    /// precision 0), then their mean, as `sklearn.metrics.precision_recall_fscore_support(
    /// average="macro", zero_division=0)`. Nil with no joined predictions.
    /// - Complexity: O(classes).
    public var macro: (precision: Double, recall: Double, f1: Double)? {
        let tallies = classes.entries.map(\.value)
        guard !tallies.isEmpty else { return nil }
        var precision = 0.0, recall = 0.0, f1 = 0.0
        for t in tallies {
            let p = t.predicted > 0 ? Double(t.truePositives) / Double(t.predicted) : 0
            let r = t.actual > 0 ? Double(t.truePositives) / Double(t.actual) : 0
            precision += p
            recall += r
            f1 += p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        let n = Double(tallies.count)
        return (precision / n, recall / n, f1 / n)
    }

    // MARK: Regression

    public var meanAbsoluteError: Double? { absoluteErrors.count > 0 ? absoluteErrors.mean : nil }
    public var rootMeanSquaredError: Double? { errors.rootMeanSquare }
    /// The sampled scores with their labels (true: positive) and the weight each stands for:
    /// what a score calibration is fitted on.
    /// - Complexity: O(samples).
    public func scoredLabels() -> (scores: [Double], labels: [Bool], weights: [Double]) {
        var scores: [Double] = [], labels: [Bool] = [], weights: [Double] = []
        for (reservoirs, label) in [(positiveScores, true), (negativeScores, false)] {
            for r in reservoirs {
                scores += r.values
                labels += Array(repeating: label, count: r.values.count)
                weights += Array(repeating: r.weight, count: r.values.count)
            }
        }
        return (scores, labels, weights)
    }

    /// Count, mean and variance of the absolute errors (for Welch's t between versions).
    public var absoluteErrorMoments: Moments { absoluteErrors }

    private func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }

    /// Prediction equals label: numbers numerically (1 == 1.0), strings exactly, bools as bools;
    /// a bool equals the number 1 (true) or 0 (false).
    public static func matches(_ prediction: Value, _ label: Value) -> Bool {
        if prediction == label { return true }
        if let p = binary(prediction), let l = binary(label),
           isBool(prediction) != isBool(label) { return p == l }
        return false
    }

    private static func isBool(_ v: Value) -> Bool {
        if case .bool = v { return true }
        return false
    }

    /// 0/1 numbers and bools as a class; nil for anything else.
    public static func binary(_ v: Value) -> Bool? {
        switch v {
        case .bool(let b): b
        case .number(let x) where x == 0 || x == 1: x == 1
        default: nil
        }
    }
}
