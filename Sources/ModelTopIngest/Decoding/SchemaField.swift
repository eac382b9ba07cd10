import CSimdjson

/// A field of event schema v1 (see docs/events.md), each read from a configurable key path.
public enum SchemaField: Int, CaseIterable, Sendable {
    case model, ts, version, node, prediction, id, score, latency, label, metric, value, features

    /// The key that holds the field by default, and the field's name in configuration files.
    public var name: String {
        switch self {
        case .model: "model"
        case .ts: "ts"
        case .version: "version"
        case .node: "node"
        case .prediction: "prediction"
        case .id: "id"
        case .score: "score"
        case .latency: "latency_ms"
        case .label: "label"
        case .metric: "metric"
        case .value: "value"
        case .features: "features"
        }
    }

    /// The field whose configuration name is `name`.
    public init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    var cField: mt_field { mt_field(rawValue: UInt32(rawValue)) }
}
