/// Why a line was not turned into an event.
public enum MalformedReason: UInt8, Sendable, CaseIterable {
    case syntax, numberOutOfRange, invalidUTF8, badString, notObject, tooLong, tooDeep, unreadable
    case missingModel, noKind, labelWithoutID, metricWithoutValue
    case badTimestamp, timestampOutOfRange, badVersion, badNode, badPrediction, badID, badScore, badLatency, badLabel
    case badMetric, badFeatures
    case invalidNumber
    /// A network payload that is neither events nor an inference exchange modeltop reads.
    case unknownPayload
}
