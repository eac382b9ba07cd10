/// Predictions joined with their labels in one pane or window: accuracy, the binary confusion
/// matrix, regression errors, and (score, label) pairs for ROC AUC.
public struct Outcomes: Sendable {
    /// Joined predictions.
    public private(set) var joined = 0
    /// Joined predictions equal to their label.
    public private(set) var correct = 0
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    public private(set) var trueNegatives = 0
    /// Pairs whose prediction and label were both binary (0/1, true/false).
    public private(set) var binaryPairs = 0
    /// Pairs whose label was a number other than 0 or 1.
    public private(set) var regressionPairs = 0
    public private(set) var absoluteError = 0.0
    public private(set) var squaredError = 0.0
    /// Numeric (prediction, label) pairs, for MAE/RMSE whatever the labels.
    public private(set) var numericPairs = 0
    /// Scores of positive and negative examples: one reservoir per pane merged in (the first
    /// is this pane's own).
    private var positiveScores: [Reservoir]
    private var negativeScores: [Reservoir]

    public init(sampleLimit: Int?, seed: UInt64) {
        positiveScores = [Reservoir(limit: sampleLimit, seed: seed)]
        negativeScores = [Reservoir(limit: sampleLimit, seed: seed ^ 0x5bd1_e995)]
    }

    /// Adds one joined prediction.
    public mutating func update(prediction: Value, label: Value, score: Double?) {
        joined += 1
        if Outcomes.matches(prediction, label) { correct += 1 }
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
        } else if case .number = label {
            regressionPairs += 1
        }
        if case .number(let p) = prediction, case .number(let l) = label {
            numericPairs += 1
            absoluteError += abs(p - l)
            squaredError += (p - l) * (p - l)
        }
    }

    /// - Complexity: O(1) plus the score samples' reservoirs.
    public mutating func merge(_ other: Outcomes) {
        joined += other.joined
        correct += other.correct
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        falseNegatives += other.falseNegatives
        trueNegatives += other.trueNegatives
        binaryPairs += other.binaryPairs
        regressionPairs += other.regressionPairs
        absoluteError += other.absoluteError
        squaredError += other.squaredError
        numericPairs += other.numericPairs
        positiveScores += other.positiveScores
        negativeScores += other.negativeScores
    }

    /// True when labels look like a regression target (numbers other than 0/1).
    public var isRegression: Bool { regressionPairs > 0 && regressionPairs >= binaryPairs }

    public var accuracy: Double? { joined > 0 && !isRegression ? Double(correct) / Double(joined) : nil }

    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return precision == nil || recall == nil ? nil : 0 }
        return 2 * p * r / (p + r)
    }

    public var meanAbsoluteError: Double? { numericPairs > 0 ? absoluteError / Double(numericPairs) : nil }
    public var rootMeanSquaredError: Double? {
        numericPairs > 0 ? (squaredError / Double(numericPairs)).squareRoot() : nil
    }

    /// ROC AUC: the probability that a positive scores above a negative, ties counting half
    /// (Mann-Whitney U / (n_pos · n_neg)); weighted when the score samples were limited. Nil
    /// without both classes.
    /// - Complexity: O(n log n).
    public var rocAUC: Double? {
        var points: [(score: Double, positive: Bool, weight: Double)] = []
        for r in positiveScores { points += r.values.map { ($0, true, r.weight) } }
        for r in negativeScores { points += r.values.map { ($0, false, r.weight) } }
        guard points.contains(where: \.positive), points.contains(where: { !$0.positive }) else { return nil }
        points.sort { $0.score < $1.score }
        var negativeBelow = 0.0, area = 0.0, positiveTotal = 0.0
        var i = 0
        while i < points.count {
            var j = i
            var positive = 0.0, negative = 0.0
            while j < points.count && points[j].score == points[i].score {
                if points[j].positive { positive += points[j].weight } else { negative += points[j].weight }
                j += 1
            }
            area += positive * (negativeBelow + 0.5 * negative)
            negativeBelow += negative
            positiveTotal += positive
            i = j
        }
        return area / (positiveTotal * negativeBelow)
    }

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
