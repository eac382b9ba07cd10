import Foundation
import Synchronization
import ModelTopCore
import ModelTopText

/// Turns the body of one HTTP request into events, through the same decoder, malformed rules
/// and counters as files: NDJSON, a JSON array or object, CloudEvents in binary, structured
/// and batch mode, and the KServe and Seldon inference exchanges within them (joined here).
///
/// Safe to call from several threads at once (the receiver's event loops): decoders are
/// pooled, the joiner and each source's event time are behind locks.
public final class NetworkIngest: Sendable {
    /// One request, as the receiver hands it over.
    public struct Request: Sendable {
        /// Header names in lower case (the last value of a repeated header).
        public var headers: [String: String]
        public var body: [UInt8]
        /// The source name (from the path, `X-Modeltop-Source`, or the peer address).
        public var source: String
        /// Wall-clock seconds of its arrival (the time of events without `ts`).
        public var arrival: Double

        public init(headers: [String: String], body: [UInt8], source: String, arrival: Double) {
            self.headers = headers
            self.body = body
            self.source = source
            self.arrival = arrival
        }
    }

    /// What one request added to its batch.
    public struct Outcome: Sendable, Equatable {
        public var accepted = 0
        public var malformed = 0

        public init(accepted: Int = 0, malformed: Int = 0) {
            self.accepted = accepted
            self.malformed = malformed
        }
    }

    private let mapping: FieldMapping
    private let symbols: SymbolTable
    private let featureNames: [String: [String]]
    private let decoders: DecoderPool
    private let joiner: Mutex<InferenceJoiner>
    private let sourceTimes = Mutex<[String: Double]>([:])

    /// - Parameters:
    ///   - featureNames: names of unnamed input columns per model (the `--config` file's).
    ///   - joinTTL, joinCapacity: how long and how many inference halves wait for the other.
    public init(mapping: FieldMapping, symbols: SymbolTable, featureNames: [String: [String]] = [:], joinTTL: Double,
                joinCapacity: Int) {
        self.mapping = mapping
        self.symbols = symbols
        self.featureNames = featureNames
        decoders = DecoderPool { EventDecoder(mapping: mapping, symbols: symbols) }
        joiner = Mutex(InferenceJoiner(ttl: joinTTL, capacity: joinCapacity))
    }

    /// What the joiner did so far.
    public var joinStatistics: InferenceJoiner.Statistics { joiner.withLock { $0.statistics } }

    /// Decodes `request` into `batch`.
    /// - Complexity: O(body bytes).
    public func ingest(_ request: Request, into batch: DecodedBatch) -> Outcome {
        let source = symbols.intern(request.source)
        let before = batch[statisticsOf: source]
        batch[statisticsOf: source].bytes += request.body.count
        if let event = CloudEvent(headers: request.headers, body: request.body) {
            ingest(event, request: request, source: source, into: batch)
        } else {
            switch Self.mediaType(request.headers["content-type"]) {
            case "application/cloudevents+json":
                if let json = try? JSONValue(parsing: request.body), let event = CloudEvent(structured: json) {
                    ingest(event, request: request, source: source, into: batch)
                } else {
                    decode(JSONFraming.lines(fromJSON: request.body), request: request, source: source, into: batch)
                }
            case "application/cloudevents-batch+json":
                if let json = try? JSONValue(parsing: request.body), let events = CloudEvent.batch(json) {
                    for event in events { ingest(event, request: request, source: source, into: batch) }
                } else {
                    decode(JSONFraming.lines(fromJSON: request.body), request: request, source: source, into: batch)
                }
            case "application/json":
                decode(JSONFraming.lines(fromJSON: request.body), request: request, source: source, into: batch)
            default:  // application/x-ndjson, text/plain, none
                decode(request.body, request: request, source: source, into: batch)
            }
        }
        let after = batch[statisticsOf: source]
        return Outcome(accepted: after.events - before.events, malformed: after.malformed - before.malformed)
    }

    /// Ends the inference halves that waited too long: responses alone become predictions
    /// without features, in `batch` (under the source `source`).
    public func expire(now: Double, source: String, into batch: DecodedBatch) -> Outcome {
        let lines = joiner.withLock { $0.expire(now: now) }
        guard !lines.isEmpty else { return Outcome() }
        let symbol = symbols.intern(source)
        let before = batch[statisticsOf: symbol]
        let request = Request(headers: [:], body: [], source: source, arrival: now)
        decode(Self.ndjson(lines), request: request, source: symbol, into: batch)
        let after = batch[statisticsOf: symbol]
        return Outcome(accepted: after.events - before.events, malformed: after.malformed - before.malformed)
    }

    /// `type/subtype` of a Content-Type, in lower case, without parameters.
    static func mediaType(_ contentType: String?) -> String {
        guard let contentType else { return "" }
        return contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    // MARK: CloudEvents

    private static let kserveRequest = "org.kubeflow.serving.inference.request"
    private static let kserveResponse = "org.kubeflow.serving.inference.response"
    private static let seldonRequest = "io.seldon.serving.inference.request"
    private static let seldonResponse = "io.seldon.serving.inference.response"
    private static let seldonFeedback = "io.seldon.serving.feedback"

    private func ingest(_ event: CloudEvent, request: Request, source: Symbol, into batch: DecodedBatch) {
        let type = event.type
        guard [Self.kserveRequest, Self.kserveResponse, Self.seldonRequest, Self.seldonResponse, Self.seldonFeedback]
            .contains(type)
        else {
            // Any other type: its data are our events.
            let media = Self.mediaType(event.attributes["datacontenttype"])
            let lines = media.hasSuffix("json") && media != "application/x-ndjson" ? JSONFraming.lines(fromJSON: event.data) : event.data
            decode(lines, request: request, source: source, into: batch)
            return
        }
        let seldon = type.hasPrefix("io.seldon")
        let a = event.attributes
        let model = a["inferenceservicename"] ?? a["modelid"] ?? ""
        let id = (seldon ? a["requestid"] : nil) ?? a["id"] ?? ""
        guard !model.isEmpty, !id.isEmpty, let json = try? JSONValue(parsing: event.data) else {
            malformed(event, reason: model.isEmpty || id.isEmpty ? .missingModel : .unknownPayload, source: source,
                      request: request, into: batch)
            return
        }
        let endpoint = a["endpoint"].flatMap { $0.isEmpty ? nil : $0 }
        let exchange = InferenceJoiner.Exchange(model: model, version: endpoint, node: event.sourceHost, time: a["time"], id: id)
        let key = InferenceJoiner.Key(namespace: a["namespace"] ?? "", service: model, id: id)
        let lines: [JSONValue]
        switch type {
        case Self.kserveRequest, Self.seldonRequest:
            guard let rows = InferencePayload.requestRows(json, featureNames: featureNames[model] ?? []) else {
                return malformed(event, reason: .unknownPayload, source: source, request: request, into: batch)
            }
            lines = joiner.withLock { $0.request(key, exchange, rows: rows, arrival: request.arrival) }
        case Self.kserveResponse, Self.seldonResponse:
            guard let predictions = InferencePayload.responseRows(json) else {
                return malformed(event, reason: .unknownPayload, source: source, request: request, into: batch)
            }
            lines = joiner.withLock { $0.response(key, exchange, predictions: predictions, arrival: request.arrival) }
        default:  // feedback
            guard let truth = InferencePayload.truthRows(json) else {
                return malformed(event, reason: .unknownPayload, source: source, request: request, into: batch)
            }
            lines = InferenceJoiner.labelLines(exchange, truth: truth)
        }
        if !lines.isEmpty { decode(Self.ndjson(lines), request: request, source: source, into: batch) }
    }

    private static func ndjson(_ lines: [JSONValue]) -> [UInt8] {
        var out: [UInt8] = []
        for line in lines {
            out += Array(line.rendered().utf8)
            out.append(0x0a)
        }
        return out
    }

    /// Counts a payload the decoder never sees as one malformed line, with a sample.
    private func malformed(_ event: CloudEvent, reason: MalformedReason, source: Symbol, request: Request,
                           into batch: DecodedBatch) {
        batch[statisticsOf: source].lines += 1
        batch[statisticsOf: source].malformed += 1
        let text = "\(event.type) \(String(decoding: event.data.prefix(MalformedLine.textLimit), as: UTF8.self))"
        batch.malformed.append(MalformedLine(source: request.source, reason: reason,
                                             text: Sanitizer.sanitize(text, limit: MalformedLine.textLimit)))
    }

    // MARK: Decoding

    private func decode(_ lines: [UInt8], request: Request, source: Symbol, into batch: DecodedBatch) {
        guard !lines.isEmpty else { return }
        let decoder = decoders.take()
        defer { decoders.giveBack(decoder) }
        let context = EventDecoder.Context(node: source, sourceName: request.source, arrivalTime: request.arrival)
        var sourceTime = sourceTimes.withLock { $0[request.source] }
        decoder.decode(bytes: lines, context: context, sourceTime: &sourceTime, into: &batch.events,
                       statistics: &batch[statisticsOf: source], malformed: &batch.malformed)
        if let sourceTime { sourceTimes.withLock { $0[request.source] = sourceTime } }
    }
}

/// Event decoders for the threads that decode requests: one each at a time, kept for reuse
/// (a decoder holds simdjson's buffers).
private final class DecoderPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [EventDecoder] = []
    private let make: () -> EventDecoder

    init(make: @escaping () -> EventDecoder) {
        self.make = make
    }

    func take() -> EventDecoder {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? make()
    }

    func giveBack(_ decoder: EventDecoder) {
        lock.lock()
        free.append(decoder)
        lock.unlock()
    }
}
