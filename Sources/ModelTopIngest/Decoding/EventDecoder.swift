import CSimdjson
import ModelTopCore
import ModelTopText

#if canImport(Glibc)
import Glibc
#endif

/// Decodes NDJSON lines into events with simdjson.
///
/// One decoder per thread. Names and categorical strings are interned through a
/// ``SymbolCache``, so a name seen before costs a lookup and no allocation: feature names by
/// their position in the line, short strings by two word comparisons (simdjson's strings are
/// padded, see ``ShortString``), others by a hash.
public final class EventDecoder {
    /// How many malformed lines one ``decode(_:context:into:statistics:malformed:)`` call keeps.
    public static let sampleLimit = 8
    /// Lines longer than this are malformed (``MalformedReason/tooLong``).
    public static let lineLimit = 1 << 20

    private let decoder: OpaquePointer
    private var records: RecordDecoder

    /// Where the lines being decoded come from.
    public struct Context: Sendable {
        /// The source's node name, used when a line has no `node`.
        public var node: Symbol
        /// The source's name, for malformed-line samples.
        public var sourceName: String
        /// Event time for lines without `ts` in a source that has not had one yet (the arrival
        /// time, in seconds since the epoch).
        public var arrivalTime: Double
        /// Malformed lines read while the source's event time is outside this range are counted
        /// apart (`report --since/--until`).
        public var timeRange: ClosedRange<Double>?

        public init(node: Symbol, sourceName: String, arrivalTime: Double, timeRange: ClosedRange<Double>? = nil) {
            self.node = node
            self.sourceName = sourceName
            self.arrivalTime = arrivalTime
            self.timeRange = timeRange
        }
    }

    public init(mapping: FieldMapping = FieldMapping(), symbols: SymbolTable) {
        guard let decoder = mt_decoder_create() else { fatalError("out of memory creating a JSON decoder") }
        self.decoder = decoder
        self.records = RecordDecoder(symbols: SymbolCache(table: symbols))
        mt_decoder_set_line_limit(decoder, EventDecoder.lineLimit)
        if !mapping.isDefault {
            for field in SchemaField.allCases {
                let keys = mapping[field].map { strdup($0) }
                defer { keys.forEach { free($0) } }
                let constKeys = keys.map { UnsafePointer($0) }
                _ = constKeys.withUnsafeBufferPointer { mt_decoder_set_path(decoder, field.cField, $0.baseAddress, $0.count) }
            }
        }
    }

    deinit {
        mt_decoder_destroy(decoder)
    }

    /// Decodes the whole lines in `lines` and appends their events to `batch`.
    ///
    /// `lines` must be followed in memory by ``ReadBuffer/padding`` readable bytes. The last
    /// line may lack its newline. Counts go to `statistics` (lines, events, blank, malformed;
    /// bytes are counted by the reader); the last few malformed lines are appended to `malformed`.
    /// `sourceTime` is the source's latest event time: lines without `ts` take it (or the
    /// arrival time before the source had one), and lines with `ts` move it.
    /// - Complexity: O(lines.count).
    public func decode(
        _ lines: UnsafeRawBufferPointer, context: Context, sourceTime: inout Double?, into batch: inout EventBatch,
        statistics: inout SourceStatistics, malformed: inout [MalformedLine]
    ) {
        guard let base = lines.baseAddress, !lines.isEmpty else { return }
        mt_begin(decoder, base.assumingMemoryBound(to: CChar.self), lines.count)
        records.sourceTime = sourceTime
        records.decode(decoder, context: context, into: &batch, statistics: &statistics, malformed: &malformed)
        sourceTime = records.sourceTime
        let blank = mt_blank_lines(decoder)
        statistics.lines += blank
        statistics.blank += blank
    }

    /// Decodes `bytes` (whole lines, the last may lack its newline) that are not followed by
    /// ``ReadBuffer/padding`` bytes in memory: copies them with the padding first.
    /// - Complexity: O(bytes.count).
    public func decode(
        bytes: [UInt8], context: Context, sourceTime: inout Double?, into batch: inout EventBatch,
        statistics: inout SourceStatistics, malformed: inout [MalformedLine]
    ) {
        guard !bytes.isEmpty else { return }
        let padded = bytes + [UInt8](repeating: 0x20, count: ReadBuffer.padding)
        padded.withUnsafeBytes { raw in
            decode(UnsafeRawBufferPointer(rebasing: raw[0..<bytes.count]), context: context, sourceTime: &sourceTime,
                   into: &batch, statistics: &statistics, malformed: &malformed)
        }
    }
}

/// Turns simdjson's records into events: the schema rules. A struct, so that the per-line work
/// runs without the dynamic exclusivity checks that a class's stored properties would need.
private struct RecordDecoder {
    var symbols: SymbolCache
    var featureNames = PositionalNameCache()
    /// The model (position 0) and node (position 1) names of recent lines.
    var fieldNames = PositionalNameCache()
    var lastVersionNumber: Double = .nan
    var lastVersionSymbol = Symbol(rawValue: 0)
    var timestamps = RFC3339.MinuteCache()
    /// The latest event time of the source being decoded.
    var sourceTime: Double?

    init(symbols: SymbolCache) {
        self.symbols = symbols
    }

    /// Decodes every line of the decoder's current buffer.
    mutating func decode(
        _ decoder: OpaquePointer, context: EventDecoder.Context, into batch: inout EventBatch,
        statistics: inout SourceStatistics, malformed: inout [MalformedLine]
    ) {
        var record = mt_record()
        var kept = 0
        let firstSample = malformed.count
        while mt_next(decoder, &record) != 0 {
            statistics.lines += 1
            let reason: MalformedReason?
            if record.error != 0 {
                reason = Self.reason(forDecoderError: record.error)
            } else {
                reason = withUnsafePointer(to: &record) {
                    decodeRecord($0, context: context, into: &batch, statistics: &statistics)
                }
            }
            guard let reason else { continue }
            if let range = context.timeRange, let time = sourceTime, !range.contains(time) {
                statistics.malformedOutOfRange += 1
                continue
            }
            statistics.malformed += 1
            // Keep the last few: the sample is made while the line is still in the buffer.
            let line = UnsafeRawBufferPointer(start: record.line, count: Int(record.line_length))
            let sample = MalformedLine(source: context.sourceName, reason: reason, line: line)
            if kept == EventDecoder.sampleLimit {
                malformed.remove(at: firstSample)
            } else {
                kept += 1
            }
            malformed.append(sample)
        }
    }

    static func reason(forDecoderError error: Int32) -> MalformedReason {
        switch mt_error(rawValue: UInt32(error)) {
        case MT_ERROR_SYNTAX: .syntax
        case MT_ERROR_NUMBER: .numberOutOfRange
        case MT_ERROR_INVALID_NUMBER: .invalidNumber
        case MT_ERROR_UTF8: .invalidUTF8
        case MT_ERROR_STRING: .badString
        case MT_ERROR_NOT_OBJECT: .notObject
        case MT_ERROR_TOO_LONG: .tooLong
        case MT_ERROR_DEPTH: .tooDeep
        default: .unreadable
        }
    }

    /// Event times accepted: from 1970 to the start of 2200 (after unit detection).
    static let timeRange = 0.0..<7_258_118_400.0

    /// Seconds for a numeric `ts`: seconds, or milliseconds above 1e11, microseconds above
    /// 1e14, nanoseconds above 1e17 (the common encodings, told apart by magnitude).
    @inline(__always)
    static func seconds(fromNumber ts: Double) -> Double {
        if ts > 1e17 { return ts / 1e9 }
        if ts > 1e14 { return ts / 1e6 }
        if ts > 1e11 { return ts / 1e3 }
        return ts
    }

    /// Turns one parsed object into an event; returns why not when it does not fit the schema.
    private mutating func decodeRecord(
        _ record: UnsafePointer<mt_record>, context: EventDecoder.Context, into batch: inout EventBatch,
        statistics: inout SourceStatistics
    ) -> MalformedReason? {
        @inline(__always) func field(_ f: SchemaField) -> mt_value { mt_record_field(record, Int32(f.rawValue)).pointee }

        let modelValue = field(.model)
        guard modelValue.type == MT_STRING.rawValue, modelValue.length > 0 else { return .missingModel }

        let ts = field(.ts)
        var time = sourceTime ?? context.arrivalTime
        switch mt_type(rawValue: UInt32(ts.type)) {
        case MT_ABSENT, MT_NULL: break
        case MT_NUMBER:
            time = Self.seconds(fromNumber: ts.number)
            guard Self.timeRange.contains(time) else { return .timestampOutOfRange }
        case MT_STRING:
            guard let seconds = timestamps.seconds(bytes(ts)) else { return .badTimestamp }
            guard Self.timeRange.contains(seconds) else { return .timestampOutOfRange }
            time = seconds
        default: return .badTimestamp
        }

        // Every field is checked before anything is interned.
        let versionValue = field(.version), nodeValue = field(.node), idValue = field(.id)
        let scoreValue = field(.score), latencyValue = field(.latency)
        let predictionValue = field(.prediction), labelValue = field(.label)
        let metricValue = field(.metric), valueValue = field(.value), featuresValue = field(.features)
        guard isAbsent(versionValue) || versionValue.type == MT_STRING.rawValue || versionValue.type == MT_NUMBER.rawValue
        else { return .badVersion }
        guard isAbsent(nodeValue) || nodeValue.type == MT_STRING.rawValue else { return .badNode }
        guard isAbsent(idValue) || idValue.type == MT_STRING.rawValue || idValue.type == MT_NUMBER.rawValue
        else { return .badID }
        guard isAbsent(scoreValue) || scoreValue.type == MT_NUMBER.rawValue else { return .badScore }
        guard isAbsent(latencyValue) || latencyValue.type == MT_NUMBER.rawValue else { return .badLatency }
        guard isAbsent(predictionValue) || isScalar(predictionValue) else { return .badPrediction }
        guard isAbsent(labelValue) || isScalar(labelValue) else { return .badLabel }
        guard isAbsent(featuresValue) || featuresValue.type == MT_OBJECT.rawValue else { return .badFeatures }

        let kind: Event.Kind
        if !isAbsent(predictionValue) {
            kind = .prediction
        } else if !isAbsent(labelValue) {
            guard !isAbsent(idValue) else { return .labelWithoutID }
            kind = .label
        } else if !isAbsent(metricValue) {
            guard metricValue.type == MT_STRING.rawValue, metricValue.length > 0 else { return .badMetric }
            guard valueValue.type == MT_NUMBER.rawValue else { return .metricWithoutValue }
            kind = .metric
        } else {
            return .noKind
        }

        var event = Event(kind: kind, model: fieldNames.symbol(bytes(modelValue), at: 0, symbols: &symbols),
                          node: context.node, time: time)
        if nodeValue.type == MT_STRING.rawValue { event.node = fieldNames.symbol(bytes(nodeValue), at: 1, symbols: &symbols) }
        if versionValue.type == MT_STRING.rawValue {
            event.version = symbols.symbol(padded: bytes(versionValue))
        } else if versionValue.type == MT_NUMBER.rawValue {
            event.version = versionSymbol(versionValue.number)
        }
        if idValue.type == MT_STRING.rawValue {
            event.id = JoinKey(bytes: bytes(idValue))
        } else if idValue.type == MT_NUMBER.rawValue {
            switch mt_number_kind(rawValue: UInt32(idValue.number_kind)) {
            case MT_NUMBER_INT64: event.id = JoinKey(integer: Int64(bitPattern: idValue.integer))
            case MT_NUMBER_UINT64: event.id = JoinKey(unsigned: idValue.integer)
            default: event.id = JoinKey(number: idValue.number)
            }
        }
        if scoreValue.type == MT_NUMBER.rawValue { event.score = scoreValue.number }
        if latencyValue.type == MT_NUMBER.rawValue { event.latency = latencyValue.number }
        if kind == .prediction { event.prediction = scalar(predictionValue) }
        if !isAbsent(labelValue) { event.label = scalar(labelValue) }
        if kind == .metric {
            event.metric = symbols.symbol(padded: bytes(metricValue))
            event.value = valueValue.number
        }
        let start = batch.features.count
        if featuresValue.type == MT_OBJECT.rawValue, let features = record.pointee.features {
            for i in 0..<Int(featuresValue.length) {
                let feature = features[i]
                guard let value = scalar(feature.value) else {
                    statistics.nestedFeatureValues += 1
                    continue
                }
                let name = UnsafeRawBufferPointer(start: feature.name, count: Int(feature.name_length))
                batch.features.append(EventBatch.Feature(name: featureNames.symbol(name, at: i, symbols: &symbols),
                                                         value: value))
            }
        }
        event.features = start..<batch.features.count
        batch.events.append(event)

        statistics.events += 1
        switch kind {
        case .prediction: statistics.predictions += 1
        case .label: statistics.labels += 1
        case .metric: statistics.metrics += 1
        }
        statistics.lastEventTime = max(statistics.lastEventTime ?? time, time)
        if ts.type == MT_NUMBER.rawValue || ts.type == MT_STRING.rawValue { sourceTime = time }
        return nil
    }

    @inline(__always) private func bytes(_ v: mt_value) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: v.string, count: Int(v.length))
    }

    @inline(__always) private func isAbsent(_ v: mt_value) -> Bool {
        v.type == MT_ABSENT.rawValue || v.type == MT_NULL.rawValue
    }

    @inline(__always) private func isScalar(_ v: mt_value) -> Bool {
        v.type == MT_BOOL.rawValue || v.type == MT_NUMBER.rawValue || v.type == MT_STRING.rawValue
    }

    /// A scalar value: nil for absent, arrays and objects; `.null` for JSON null.
    @inline(__always) private mutating func scalar(_ v: mt_value) -> Value? {
        switch mt_type(rawValue: UInt32(v.type)) {
        case MT_NULL: .null
        case MT_BOOL: .bool(v.boolean != 0)
        case MT_NUMBER: .number(v.number)
        case MT_STRING: .string(symbols.symbol(padded: bytes(v)))
        default: nil
        }
    }

    private mutating func versionSymbol(_ number: Double) -> Symbol {
        if number == lastVersionNumber { return lastVersionSymbol }
        lastVersionNumber = number
        lastVersionSymbol = symbols.table.intern(Format.shortest(number))
        return lastVersionSymbol
    }
}
