/// A synthetic-traffic scenario (`modeltop synth SCENARIO.toml`): nodes, models with their
/// features, predictions, labels and latency, and a timeline of incidents. Read with
/// ``init(contentsOf:)`` or ``init(parsing:file:)``; docs/synth.md describes the file.
public struct Scenario: Sendable {
    /// Unix seconds of the first event time.
    public var start: Double
    /// Seconds of event time.
    public var duration: Double
    public var seed: UInt64
    public var nodes: [String]
    /// Seconds between two metric events (`latency_ms`, `error_rate`) per node and model; nil
    /// for none.
    public var metricsEvery: Double?
    public var models: [Model]
    public var incidents: [Incident]
    /// Category strings of every expression.
    public let strings: StringTable

    /// The task of a model (what its predictions and labels are).
    public enum Task: String, Sendable, CaseIterable {
        case binary, multiclass, regression, ranking
    }

    /// One model.
    public struct Model: Sendable {
        public var name: String
        public var task: Task
        public var version: String
        /// Predictions per second over all its nodes, before `daily`.
        public var rate: Double
        /// 24 factors on `rate`, one per hour of the day (UTC); nil: flat.
        public var daily: [Double]?
        /// Indexes into the scenario's nodes.
        public var nodes: [Int]
        public var features: [Feature]
        /// Optional intermediate value the others may use (`signal`).
        public var signal: SynthExpression?
        /// The score a binary classifier or ranker reports (`score`); nil: none.
        public var score: SynthExpression?
        public var prediction: SynthExpression
        /// The true label (`truth`); nil: the model gets no labels.
        public var truth: SynthExpression?
        /// Seconds until the label arrives (`label_delay`); nil: labels inline.
        public var labelDelay: SynthExpression?
        /// Share of labels never sent.
        public var labelLoss: Double
        /// Milliseconds.
        public var latency: SynthExpression
        /// The `error_rate` metric's usual value.
        public var errorRate: Double
        /// Rows of its reference file (`--out`).
        public var referenceSize: Int
        /// Digits after the point of predictions and scores (numbers).
        public var digits: Int
        /// The number of value slots (t, hour, features, signal, score, prediction).
        var slotCount: Int { Slot.count(features: features.count) }
    }

    /// One feature of a model: its value, drawn per prediction.
    public struct Feature: Sendable {
        public var name: String
        public var value: SynthExpression
        /// Digits after the point (0: an integer).
        public var digits: Int
        /// Share of predictions where it is null.
        public var missing: Double
    }
}

/// Slots of a model's values, for expressions: `t`, `hour`, the features, `signal`, `score`,
/// `prediction`.
enum Slot {
    static let t = 0, hour = 1
    static func feature(_ i: Int) -> Int { 2 + i }
    static func signal(features n: Int) -> Int { 2 + n }
    static func score(features n: Int) -> Int { 3 + n }
    static func prediction(features n: Int) -> Int { 4 + n }
    static func count(features n: Int) -> Int { 5 + n }
}
