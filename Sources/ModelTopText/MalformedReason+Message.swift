import ModelTopCore

extension MalformedReason {
    /// A short explanation for people.
    public var message: String {
        switch self {
        case .syntax: "invalid JSON"
        case .numberOutOfRange: "number out of range"
        case .invalidNumber: "invalid number"
        case .unknownPayload: "payload not understood (not events, KServe V1/V2 or Seldon)"
        case .invalidUTF8: "invalid UTF-8"
        case .badString: "bad string escape or control character"
        case .notObject: "not a JSON object"
        case .tooLong: "line longer than 1 MiB"
        case .tooDeep: "nested too deeply"
        case .unreadable: "could not be parsed"
        case .missingModel: "no string 'model'"
        case .noKind: "none of prediction, label, metric"
        case .labelWithoutID: "label without 'id' or 'prediction'"
        case .metricWithoutValue: "metric without a numeric 'value'"
        case .badTimestamp: "'ts' is neither RFC 3339 nor a number"
        case .timestampOutOfRange: "timestamp out of range (before 1970 or after 2200)"
        case .badVersion: "'version' is neither a string nor a number"
        case .badNode: "'node' is not a string"
        case .badPrediction: "'prediction' is not a number, string or bool"
        case .badID: "'id' is neither a string nor a number"
        case .badScore: "'score' is not a number"
        case .badLatency: "'latency_ms' is not a number"
        case .badLabel: "'label' is not a number, string or bool"
        case .badMetric: "'metric' is not a string"
        case .badFeatures: "'features' is not an object"
        }
    }
}
