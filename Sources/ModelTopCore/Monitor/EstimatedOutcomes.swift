/// The expected confusion matrix of a binary classifier from calibrated probabilities alone
/// (no labels), for one pane or a window of merged panes: a prediction with probability p of
/// the positive class adds p to TP and 1 − p to FP when it predicts positive, p to FN and 1 − p
/// to TN otherwise. Sums, so panes merge exactly; bounded (100 score bins for the ROC curve).
public struct EstimatedOutcomes: Sendable, Equatable {
    /// Predictions estimated.
    public internal(set) var count = 0
    public internal(set) var truePositives = 0.0
    public internal(set) var falsePositives = 0.0
    public internal(set) var falseNegatives = 0.0
    public internal(set) var trueNegatives = 0.0
    /// Σ c(1 − c), c the probability that a prediction is right: the variance of the number
    /// of right predictions given the probabilities.
    public internal(set) var rightVariance = 0.0
    /// Σ p and Σ (1 − p) per score bin (scores in [0, 1], 100 bins) for the estimated ROC curve.
    var positiveMass: [Double] = []
    var negativeMass: [Double] = []
    public static let scoreBins = 100

    public init() {}

    /// Adds one prediction: `probability` of the positive class (calibrated), its predicted
    /// class, and its raw score (for the ROC curve's thresholds).
    /// - Complexity: O(1).
    public mutating func update(probability p: Double, predictedPositive: Bool, score: Double) {
        count += 1
        if predictedPositive {
            truePositives += p
            falsePositives += 1 - p
        } else {
            falseNegatives += p
            trueNegatives += 1 - p
        }
        let right = predictedPositive ? p : 1 - p
        rightVariance += right * (1 - right)
        if positiveMass.isEmpty {
            positiveMass = Array(repeating: 0, count: Self.scoreBins)
            negativeMass = Array(repeating: 0, count: Self.scoreBins)
        }
        let bin = score.isFinite ? min(max(Int(score * Double(Self.scoreBins)), 0), Self.scoreBins - 1) : 0
        positiveMass[bin] += p
        negativeMass[bin] += 1 - p
    }

    /// Adds `other` (another pane).
    /// - Complexity: O(score bins).
    public mutating func merge(_ other: EstimatedOutcomes) {
        count += other.count
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        falseNegatives += other.falseNegatives
        trueNegatives += other.trueNegatives
        rightVariance += other.rightVariance
        guard !other.positiveMass.isEmpty else { return }
        if positiveMass.isEmpty {
            positiveMass = other.positiveMass
            negativeMass = other.negativeMass
            return
        }
        for i in positiveMass.indices {
            positiveMass[i] += other.positiveMass[i]
            negativeMass[i] += other.negativeMass[i]
        }
    }

    private func ratio(_ a: Double, _ b: Double) -> Double? { b > 0 ? a / b : nil }

    public var accuracy: Double? { ratio(truePositives + trueNegatives, Double(count)) }
    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }
    public var specificity: Double? { ratio(trueNegatives, trueNegatives + falsePositives) }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }

    /// The standard error of the estimated accuracy: sqrt(Σ c(1 − c)) / n, the spread of the
    /// realized accuracy around the estimate when the probabilities are right.
    public var accuracyStandardError: Double? { count > 0 ? rightVariance.squareRoot() / Double(count) : nil }

    /// Estimated ROC AUC: expected true- and false-positive rates at each of the 100 score
    /// thresholds (Σ p and Σ (1 − p) of the scores above it), joined by the trapezoid rule. Nil
    /// with no expected positives or negatives.
    /// - Complexity: O(score bins).
    public var rocAUC: Double? {
        let positives = positiveMass.reduce(0, +), negatives = negativeMass.reduce(0, +)
        guard positives > 0, negatives > 0 else { return nil }
        var tpr = 0.0, fpr = 0.0, area = 0.0
        for bin in positiveMass.indices.reversed() {
            let nextTPR = tpr + positiveMass[bin] / positives, nextFPR = fpr + negativeMass[bin] / negatives
            area += (nextFPR - fpr) * (tpr + nextTPR) / 2
            tpr = nextTPR
            fpr = nextFPR
        }
        return area
    }
}
