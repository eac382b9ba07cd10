/// Something that goes wrong in a scenario, between `start` and `end` (event time).
public struct Incident: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case featureDrift = "feature_drift"
        case conceptDrift = "concept_drift"
        case rollout
        case latencySpike = "latency_spike"
        case nodeSilence = "node_silence"
        case errorBurst = "error_burst"
        case malformedBurst = "malformed_burst"
        case duplicates
        case lateEvents = "late_events"

        /// What it does, and its keys (for `synth --list-incidents` and docs/synth.md).
        public var help: (summary: String, keys: [(String, String)]) {
            switch self {
            case .featureDrift:
                ("a feature's values move: shifted, scaled, drawn from another expression, or replaced by one category",
                 [("model, feature", "which (required)"), ("shift", "added to numbers (default 0)"),
                  ("scale", "numbers multiplied (default 1)"), ("value", "an expression the values come from instead"),
                  ("category, share", "that category instead, for this share of values"),
                  ("ramp", "step (default) or linear: full strength at the end")])
            case .conceptDrift:
                ("the labels change, the inputs do not", [("model", "which (required)"), ("truth", "the label expression meanwhile (required)")])
            case .rollout:
                ("a new version takes a share of the traffic", [("model", "which (required)"), ("version", "its name (required)"),
                                                               ("share", "of predictions (default 0.5)"), ("ramp", "step or linear"),
                                                               ("worse", "share of its predictions that are wrong (default 0)"),
                                                               ("latency_factor", "its latency times this (default 1)")])
            case .latencySpike:
                ("a node answers slowly", [("node", "which (required)"), ("model", "only this model (default all)"),
                                           ("factor", "latency times this (default 5)")])
            case .nodeSilence: ("a node sends nothing", [("node", "which (required)")])
            case .errorBurst:
                ("a node's error_rate metric rises", [("node", "which (required)"), ("error_rate", "meanwhile (default 0.05)")])
            case .malformedBurst:
                ("a node writes lines that are not events", [("node", "which (required)"), ("count", "lines (default 200)")])
            case .duplicates:
                ("predictions are sent twice", [("model", "which (required)"), ("share", "of predictions (default 0.2)")])
            case .lateEvents:
                ("predictions arrive late: their event time is behind the others'",
                 [("model", "which (required)"), ("share", "of predictions (default 0.2)"), ("delay", "how late (default 10m)")])
            }
        }
    }

    public var kind: Kind
    /// Event seconds after the scenario's start.
    public var start: Double
    public var end: Double
    public var model: Int?
    public var feature: Int?
    public var node: Int?
    public var shift = 0.0
    public var scale = 1.0
    /// feature_drift: the category (a string-table index) and the share of values it replaces.
    public var category: Int?
    public var share = 0.0
    public var linear = false
    public var truth: SynthExpression?
    /// feature_drift: the feature's values from this expression meanwhile.
    public var value: SynthExpression?
    public var version: String?
    public var worse = 0.0
    public var factor = 1.0
    public var errorRate = 0.05
    public var count = 0
    public var delay = 600.0
    /// The TOML line of its header, for messages.
    public var line = 0
}
