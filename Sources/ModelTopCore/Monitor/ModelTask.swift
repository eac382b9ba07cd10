/// What a model predicts, which decides the metrics it gets.
public enum ModelTask: String, Sendable, CaseIterable {
    /// Predictions and labels only 0/1 or true/false (1/true positive): accuracy, precision,
    /// recall, F1, ROC AUC.
    case binary
    /// Classes as strings (or integers, when configured): accuracy and macro-averaged
    /// precision, recall and F1.
    case multiclass
    /// Other numbers: MAE and RMSE.
    case regression
}

/// What a model's predictions and labels have looked like, for deciding its task by the
/// documented rule (docs/statistics.md): any string makes it multiclass; else any number other
/// than 0 and 1 makes it regression; else (only 0/1/true/false) binary.
public struct TaskEvidence: Sendable, Equatable {
    public internal(set) var binary = 0
    public internal(set) var strings = 0
    public internal(set) var otherNumbers = 0

    public init() {}

    /// Counts one prediction or label value (nulls are ignored).
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func add(_ value: Value) {
        switch value {
        case .null: break
        case .bool: binary += 1
        case .number(let x): if x == 0 || x == 1 { binary += 1 } else { otherNumbers += 1 }
        case .string: strings += 1
        }
    }

    /// Adds the counts of `other`.
    public mutating func merge(_ other: TaskEvidence) {
        binary += other.binary
        strings += other.strings
        otherNumbers += other.otherNumbers
    }

    /// The task the values show; nil before any.
    public var inferred: ModelTask? {
        if strings > 0 { return .multiclass }
        if otherNumbers > 0 { return .regression }
        return binary > 0 ? .binary : nil
    }
}
