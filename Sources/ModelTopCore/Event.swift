/// One decoded log line: a prediction, a late label, or a metric sample.
///
/// Features are not stored in the event but as a range of the batch's ``EventBatch/features``,
/// so decoding allocates nothing per event.
public struct Event: Sendable {
    /// What a line reports.
    public enum Kind: UInt8, Sendable {
        /// A model's output, with its features and optionally an inline label.
        case prediction
        /// Ground truth for an earlier prediction with the same model and ``Event/id``.
        case label
        /// A named measurement (`latency_ms`, `qps`, `error_rate`, ...).
        case metric
    }

    public var kind: Kind
    public var model: Symbol
    /// The serving node: the line's `node`, else the source's name.
    public var node: Symbol
    /// The model version as text (numbers are written as in the log), if given.
    public var version: Symbol?
    /// Event time, in seconds since the Unix epoch.
    public var time: Double
    public var prediction: Value?
    public var label: Value?
    /// The join key of `id` (a hash; see ``JoinKey``), if given.
    public var id: JoinKey?
    /// Positive-class probability.
    public var score: Double?
    /// Latency in milliseconds.
    public var latency: Double?
    /// The metric name, for metric events.
    public var metric: Symbol?
    /// The metric value, for metric events.
    public var value: Double
    /// Where this event's features sit in ``EventBatch/features``.
    public var features: Range<Int>

    @inlinable
    public init(
        kind: Kind, model: Symbol, node: Symbol, version: Symbol? = nil, time: Double,
        prediction: Value? = nil, label: Value? = nil, id: JoinKey? = nil, score: Double? = nil,
        latency: Double? = nil, metric: Symbol? = nil, value: Double = 0, features: Range<Int> = 0..<0
    ) {
        self.kind = kind
        self.model = model
        self.node = node
        self.version = version
        self.time = time
        self.prediction = prediction
        self.label = label
        self.id = id
        self.score = score
        self.latency = latency
        self.metric = metric
        self.value = value
        self.features = features
    }
}
