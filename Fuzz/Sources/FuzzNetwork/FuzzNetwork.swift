import Foundation
import FuzzSupport
import ModelTopCore
import ModelTopIngest
import ModelTopText

/// One input is an HTTP request body; its first byte picks how it is sent (NDJSON, JSON,
/// CloudEvents structured or batch, KServe or Seldon binary mode, each half). The body goes
/// through the receiver's decoding, and through the JSON parser, the JSON framing and the
/// inference payload readers on their own. Checks: every line counted once (lines = events +
/// malformed + blank for the source), the outcome matches the counts, parsed JSON renders
/// back to JSON that parses to the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNetwork(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let kinds: [[String: String]] = [
        ["content-type": "application/x-ndjson"],
        ["content-type": "application/json"],
        ["content-type": "application/cloudevents+json"],
        ["content-type": "application/cloudevents-batch+json"],
        ["ce-specversion": "1.0", "ce-type": "org.kubeflow.serving.inference.request", "ce-id": "1",
         "ce-inferenceservicename": "iris", "ce-source": "http://node:1/", "content-type": "application/json"],
        ["ce-specversion": "1.0", "ce-type": "org.kubeflow.serving.inference.response", "ce-id": "1",
         "ce-inferenceservicename": "iris", "ce-time": "2026-11-20T03:00:00Z"],
        ["ce-specversion": "1.0", "ce-type": "io.seldon.serving.feedback", "ce-requestid": "1", "ce-inferenceservicename": "churn"],
        ["ce-specversion": "1.0", "ce-type": "com.example.other", "content-type": "application/json"],
    ]
    let symbols = SymbolTable()
    let ingest = NetworkIngest(mapping: FieldMapping(), symbols: symbols, featureNames: ["iris": ["a", "b"]], joinTTL: 60,
                               joinCapacity: 4)
    let batch = DecodedBatch()
    let headers = kinds[Int(data[0]) % kinds.count]
    // The same body twice: the second may complete an inference pair.
    var outcomes = NetworkIngest.Outcome()
    for arrival in [1.0, 2.0] {
        let o = ingest.ingest(.init(headers: headers, body: body, source: "fuzz", arrival: 1_795_700_000 + arrival), into: batch)
        outcomes.accepted += o.accepted
        outcomes.malformed += o.malformed
    }
    let expired = ingest.expire(now: 1_795_700_000 + 1000, source: "expired", into: batch)
    let s = batch[statisticsOf: symbols.intern("fuzz")]
    check(s.lines == s.events + s.malformed + s.blank, "lines \(s.lines) != \(s.events) + \(s.malformed) + \(s.blank)")
    check(outcomes.accepted == s.events && outcomes.malformed == s.malformed, "outcome \(outcomes) vs counts \(s)")
    check(expired.accepted == batch[statisticsOf: symbols.intern("expired")].events, "expired outcome")
    check(batch.events.events.count == s.events + expired.accepted, "events in the batch")

    if let json = try? JSONValue(parsing: body) {
        let text = json.rendered()
        let again = try? JSONValue(parsing: Array(text.utf8))
        check(again?.rendered() == text, "JSON does not read back: \(text.prefix(200))")
        _ = InferencePayload.requestRows(json, featureNames: ["a"])
        _ = InferencePayload.responseRows(json)
        _ = InferencePayload.truthRows(json)
        _ = CloudEvent(structured: json)
        _ = CloudEvent.batch(json)
    }
    let framed = JSONFraming.lines(fromJSON: body)
    check(framed.isEmpty || framed.last == 0x0a, "framing without a last newline")
    return 0
}
