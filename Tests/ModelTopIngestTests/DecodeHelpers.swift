import ModelTopCore
@testable import ModelTopIngest

/// The outcome of decoding some text.
struct Decoded {
    var batch: EventBatch
    var statistics: SourceStatistics
    var malformed: [MalformedLine]
    var symbols: SymbolTable
    /// The source's latest event time after the text.
    var sourceTime: Double?

    var events: [Event] { batch.events }

    func name(_ symbol: Symbol?) -> String? {
        symbol.map { symbols.name($0) }
    }

    func string(_ value: Value?) -> String? {
        guard case .string(let s)? = value else { return nil }
        return symbols.name(s)
    }

    /// The features of event `index` as name -> value.
    func features(_ index: Int) -> [String: Value] {
        var result: [String: Value] = [:]
        for feature in batch.features(of: events[index]) { result[symbols.name(feature.name)] = feature.value }
        return result
    }
}

/// Decodes `text` as one buffer (with padding), like a reader does.
func decode(_ text: String, mapping: FieldMapping = FieldMapping(), arrival: Double = 1000,
            symbols: SymbolTable = SymbolTable(), timeRange: ClosedRange<Double>? = nil,
            sourceTime start: Double? = nil) -> Decoded {
    let decoder = EventDecoder(mapping: mapping, symbols: symbols)
    var bytes = Array(text.utf8)
    let count = bytes.count
    bytes += [UInt8](repeating: 0x20, count: ReadBuffer.padding)
    var batch = EventBatch()
    var statistics = SourceStatistics()
    var malformed: [MalformedLine] = []
    let context = EventDecoder.Context(node: symbols.intern("src"), sourceName: "src", arrivalTime: arrival,
                                       timeRange: timeRange)
    var sourceTime = start
    bytes.withUnsafeBytes { raw in
        decoder.decode(UnsafeRawBufferPointer(rebasing: raw[0..<count]), context: context, sourceTime: &sourceTime,
                       into: &batch, statistics: &statistics, malformed: &malformed)
    }
    return Decoded(batch: batch, statistics: statistics, malformed: malformed, symbols: symbols, sourceTime: sourceTime)
}
