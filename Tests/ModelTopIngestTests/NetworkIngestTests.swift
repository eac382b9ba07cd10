import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopIngest

@Suite struct JSONFramingTests {
    func frame(_ text: String) -> [String] {
        String(decoding: JSONFraming.lines(fromJSON: Array(text.utf8)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func arraysObjectsAndConcatenatedValues() {
        #expect(frame(#"[{"a":1}, {"b":[1,2]},{"c":"x,]}"}]"#) == [#"{"a":1}"#, #"{"b":[1,2]}"#, #"{"c":"x,]}"}"#])
        #expect(frame("{\n  \"a\": 1,\n  \"b\": \"line\\nbreak\"\n}\n") == [#"{   "a": 1,   "b": "line\nbreak" }"#])
        #expect(frame("{\"a\":1}\n{\"a\":2}") == [#"{"a":1}"#, #"{"a":2}"#])
        #expect(frame("[]") == [])
        #expect(frame("[1,,2]") == ["1", "2"])
        // Junk stays, a line at a time, for the decoder to count as malformed.
        #expect(frame("{\"a\":1}\nnot json\n") == [#"{"a":1}"#, "not json"])
        #expect(frame("[{\"a\":1}") == [#"{"a":1}"#])  // never closed
        #expect(frame("\u{FEFF}[{\"a\":1}]") == [#"{"a":1}"#])
    }
}

@Suite struct CloudEventTests {
    @Test func binaryModeFromHeaders() {
        let e = CloudEvent(headers: ["ce-specversion": "1.0", "ce-id": "a%20b", "ce-type": "t", "ce-source": "http://node-3:9081/x",
                                     "content-type": "application/json", "x-other": "y"], body: Array("{}".utf8))
        #expect(e?.attributes["id"] == "a b")
        #expect(e?.attributes["datacontenttype"] == "application/json")
        #expect(e?.attributes["other"] == nil)
        #expect(e?.sourceHost == "node-3")
        #expect(CloudEvent(headers: ["ce-id": "x"], body: []) == nil)
        #expect(CloudEvent(attributes: ["source": "http://[::1]:80/"], data: []).sourceHost == "::1")
        #expect(CloudEvent(attributes: ["source": "node-7"], data: []).sourceHost == "node-7")
    }

    @Test func structuredAndBatchMode() throws {
        let json = try JSONValue(parsing: Array(#"{"specversion":"1.0","id":"1","type":"t","source":"s","data":{"x":[1,2]},"n":7}"#.utf8))
        let e = try #require(CloudEvent(structured: json))
        #expect(String(decoding: e.data, as: UTF8.self) == #"{"x": [1, 2]}"#)
        #expect(e.attributes["n"] == "7")
        let b64 = try JSONValue(parsing: Array(#"{"specversion":"1.0","data_base64":"e30="}"#.utf8))
        #expect(CloudEvent(structured: b64)?.data == Array("{}".utf8))
        let batch = try JSONValue(parsing: Array("[\(json.rendered()), \(json.rendered())]".utf8))
        #expect(CloudEvent.batch(batch)?.count == 2)
        #expect(CloudEvent.batch(.array([.int(1)])) == nil)
    }
}

@Suite struct InferencePayloadTests {
    func json(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test func kserveV1() throws {
        let rows = try #require(InferencePayload.requestRows(try json(#"{"instances":[[6.8,2.8],[6.0,3.4]]}"#)))
        #expect(rows.map { $0.map(\.0) } == [["f0", "f1"], ["f0", "f1"]])
        #expect(rows[1].map(\.1) == [.number(6.0), .number(3.4)])
        let named = try #require(InferencePayload.requestRows(try json(#"{"instances":[[1,2,3]]}"#), featureNames: ["a", "b"]))
        #expect(named[0].map(\.0) == ["a", "b", "f2"])
        let objects = try #require(InferencePayload.requestRows(try json(#"{"instances":[{"age":3,"city":"x"}]}"#)))
        #expect(objects[0].map(\.0) == ["age", "city"])
        #expect(InferencePayload.responseRows(try json(#"{"predictions":[1,0]}"#)) == [.init(value: .int(1)), .init(value: .int(0))])
        // Two class probabilities: the class and the score of class 1.
        #expect(InferencePayload.responseRows(try json(#"{"predictions":[[0.2,0.8],[0.9,0.1]]}"#))
            == [.init(value: .int(1), score: 0.8), .init(value: .int(0), score: 0.1)])
        #expect(InferencePayload.responseRows(try json(#"{"predictions":[[0.1,0.2,0.7]]}"#)) == [.init(value: .int(2))])
        #expect(InferencePayload.responseRows(try json(#"{"predictions":[{"label":"cat"}]}"#)) == [.init(value: .string("cat"))])
        #expect(InferencePayload.responseRows(try json(#"{"predictions":[{"x":1}]}"#)) == nil)
        #expect(InferencePayload.requestRows(try json(#"{"something":1}"#)) == nil)
    }

    @Test func openInferenceProtocolV2() throws {
        let request = try json(#"""
            {"inputs":[{"name":"x","shape":[2,3],"datatype":"FP32","data":[1,2,3,4,5,6]},
                       {"name":"city","shape":[2],"datatype":"BYTES","data":["a","b"]}]}
            """#)
        let rows = try #require(InferencePayload.requestRows(request))
        #expect(rows.map { $0.map(\.0) } == [["x[0]", "x[1]", "x[2]", "city"], ["x[0]", "x[1]", "x[2]", "city"]])
        #expect(rows[1].map(\.1) == [.int(4), .int(5), .int(6), .string("b")])
        let configured = try #require(InferencePayload.requestRows(request, featureNames: ["a", "b", "c"]))
        #expect(configured[0].map(\.0) == ["a", "b", "c", "city"])
        let nested = try #require(InferencePayload.requestRows(try json(#"{"inputs":[{"name":"x","shape":[2,2],"datatype":"FP32","data":[[1,2],[3,4]]}]}"#)))
        #expect(nested[1].map(\.1) == [.int(3), .int(4)])
        let response = try json(#"{"outputs":[{"name":"predict","shape":[2],"datatype":"INT64","data":[1,0]}]}"#)
        #expect(InferencePayload.responseRows(response) == [.init(value: .int(1)), .init(value: .int(0))])
        let probabilities = try json(#"{"outputs":[{"name":"p","shape":[1,2],"datatype":"FP32","data":[0.3,0.7]}]}"#)
        #expect(InferencePayload.responseRows(probabilities) == [.init(value: .int(1), score: 0.7)])
        // Inputs whose rows disagree are not understood.
        #expect(InferencePayload.requestRows(try json(#"{"inputs":[{"name":"x","shape":[2],"data":[1,2]},{"name":"y","shape":[3],"data":[1,2,3]}]}"#)) == nil)
        #expect(InferencePayload.requestRows(try json(#"{"inputs":[{"name":"x","shape":[2,2],"data":[1,2,3]}]}"#)) == nil)
    }

    @Test func seldon() throws {
        let request = try json(#"{"data":{"names":["a","b"],"ndarray":[[1,2],[3,4]]}}"#)
        let rows = try #require(InferencePayload.requestRows(request))
        #expect(rows[1].map(\.0) == ["a", "b"])
        let tensor = try json(#"{"data":{"tensor":{"shape":[2,2],"values":[1,2,3,4]}}}"#)
        #expect(try #require(InferencePayload.requestRows(tensor))[1].map(\.1) == [.int(3), .int(4)])
        let response = try json(#"{"data":{"names":["t:0","t:1"],"ndarray":[[0.9,0.1]]},"meta":{}}"#)
        #expect(InferencePayload.responseRows(response) == [.init(value: .int(0), score: 0.1)])
        #expect(InferencePayload.truthRows(try json(#"{"truth":{"data":{"ndarray":[[1]]}},"reward":1}"#)) == [.int(1)])
        #expect(InferencePayload.truthRows(try json(#"{"truth":{"data":{"ndarray":[[0,1],[1,0]]}}}"#)) == [.int(1), .int(0)])
        #expect(InferencePayload.requestRows(try json(#"{"jsonData":{"k":1}}"#))?.first?.map(\.0) == ["k"])
    }
}

@Suite struct InferenceJoinerTests {
    let exchange = InferenceJoiner.Exchange(model: "iris", version: "canary", node: "n1", time: "2026-11-20T03:00:00Z", id: "r1")
    let key = InferenceJoiner.Key(namespace: "default", service: "iris", id: "r1")
    let rows: [InferencePayload.Features] = [[("f0", .number(1))], [("f0", .number(2))]]
    let predictions: [InferencePayload.Prediction] = [.init(value: .int(1)), .init(value: .int(0))]

    @Test func eitherHalfFirst() {
        var j = InferenceJoiner(ttl: 60, capacity: 10)
        #expect(j.request(key, exchange, rows: rows, arrival: 0).isEmpty)
        let lines = j.response(key, exchange, predictions: predictions, arrival: 1)
        #expect(lines.map { $0.rendered() } == [
            #"{"model": "iris", "version": "canary", "node": "n1", "ts": "2026-11-20T03:00:00Z", "id": "r1#0", "prediction": 1, "features": {"f0": 1}}"#,
            #"{"model": "iris", "version": "canary", "node": "n1", "ts": "2026-11-20T03:00:00Z", "id": "r1#1", "prediction": 0, "features": {"f0": 2}}"#,
        ])
        var k = InferenceJoiner(ttl: 60, capacity: 10)
        #expect(k.response(key, exchange, predictions: predictions, arrival: 0).isEmpty)
        #expect(k.request(key, exchange, rows: rows, arrival: 1).count == 2)
        #expect(k.statistics.joined == 1 && k.statistics.waiting == 0)
    }

    @Test func lostHalvesAreCountedAndResponsesStillCount() {
        var j = InferenceJoiner(ttl: 10, capacity: 10)
        _ = j.request(key, exchange, rows: rows, arrival: 0)
        let other = InferenceJoiner.Key(namespace: "default", service: "iris", id: "r2")
        _ = j.response(other, exchange, predictions: [predictions[0]], arrival: 5)
        #expect(j.expire(now: 9).isEmpty)
        #expect(j.expire(now: 10).isEmpty)  // the request, unanswered
        #expect(j.statistics.requestsAlone == 1)
        let alone = j.expire(now: 15)
        #expect(alone.count == 1)
        #expect(alone[0]["features"] == nil && alone[0]["prediction"] == .int(1))
        #expect(j.statistics.responsesAlone == 1 && j.statistics.waiting == 0)
    }

    @Test func capacityEvictsTheOldest() {
        var j = InferenceJoiner(ttl: 1000, capacity: 2)
        for i in 0..<5 {
            let k = InferenceJoiner.Key(namespace: "", service: "iris", id: "r\(i)")
            _ = j.response(k, exchange, predictions: [predictions[0]], arrival: Double(i))
        }
        #expect(j.statistics.waiting == 2)
        #expect(j.statistics.responsesAlone == 3)
    }
}

@Suite struct NetworkIngestTests {
    func ingest(_ headers: [String: String], _ body: String, into batch: DecodedBatch = DecodedBatch(),
                network: NetworkIngest? = nil, symbols: SymbolTable = SymbolTable()) -> (NetworkIngest.Outcome, DecodedBatch) {
        let n = network ?? NetworkIngest(mapping: FieldMapping(), symbols: symbols, joinTTL: 60, joinCapacity: 100)
        let outcome = n.ingest(.init(headers: headers, body: Array(body.utf8), source: "edge", arrival: 1_795_700_000), into: batch)
        return (outcome, batch)
    }

    @Test func ndjsonWithoutTheLastNewline() {
        let (outcome, batch) = ingest(["content-type": "application/x-ndjson"],
                                      "{\"model\":\"m\",\"prediction\":1}\nnot json\n{\"model\":\"m\",\"prediction\":0}")
        #expect(outcome == .init(accepted: 2, malformed: 1))
        #expect(batch.events.events.count == 2)
        #expect(batch.malformed.first?.source == "edge")
    }

    @Test func jsonArrayAndObject() {
        #expect(ingest(["content-type": "application/json; charset=utf-8"],
                       #"[{"model":"m","prediction":1},{"model":"m","prediction":2}]"#).0 == .init(accepted: 2, malformed: 0))
        #expect(ingest(["content-type": "application/json"], "{\n \"model\": \"m\",\n \"prediction\": 1\n}").0.accepted == 1)
    }

    @Test func kserveBinaryModeJoinsAcrossRequests() {
        let symbols = SymbolTable()
        let network = NetworkIngest(mapping: FieldMapping(), symbols: symbols, featureNames: ["iris": ["sepal", "petal"]],
                                    joinTTL: 60, joinCapacity: 100)
        let common = ["ce-specversion": "1.0", "ce-id": "abc", "ce-inferenceservicename": "iris", "ce-namespace": "default",
                      "ce-endpoint": "canary", "ce-source": "http://node-2:9081/", "ce-time": "2026-11-20T03:00:00Z",
                      "content-type": "application/json"]
        var response = common
        response["ce-type"] = "org.kubeflow.serving.inference.response"
        var request = common
        request["ce-type"] = "org.kubeflow.serving.inference.request"
        let batch = DecodedBatch()
        // The response first: nothing yet; then the request: two predictions with features.
        #expect(ingest(response, #"{"predictions":[1,0]}"#, into: batch, network: network, symbols: symbols).0.accepted == 0)
        #expect(ingest(request, #"{"instances":[[6.8,2.8],[6.0,3.4]]}"#, into: batch, network: network, symbols: symbols).0.accepted == 2)
        let e = batch.events.events[0]
        #expect(symbols.name(e.model) == "iris")
        #expect(e.version.map(symbols.name) == "canary")
        #expect(symbols.name(e.node) == "node-2")
        #expect(e.time == RFC3339.seconds("2026-11-20T03:00:00Z"))
        #expect(e.prediction == .number(1))
        #expect(batch.events.features(of: e).map { symbols.name($0.name) } == ["sepal", "petal"])
        #expect(network.joinStatistics.joined == 1)
    }

    @Test func seldonFeedbackBecomesALabel() {
        let (outcome, batch) = ingest(["ce-specversion": "1.0", "ce-type": "io.seldon.serving.feedback", "ce-requestid": "q1",
                                       "ce-inferenceservicename": "churn", "content-type": "application/json"],
                                      #"{"truth":{"data":{"ndarray":[[1]]}}}"#)
        #expect(outcome.accepted == 1)
        #expect(batch.events.events.first?.kind == .label)
        #expect(batch.events.events.first?.id == JoinKey(string: "q1"))
    }

    @Test func structuredAndOtherTypes() {
        let structured = #"{"specversion":"1.0","type":"com.example.prediction","id":"1","source":"s","datacontenttype":"application/json","data":{"model":"m","prediction":1}}"#
        #expect(ingest(["content-type": "application/cloudevents+json"], structured).0.accepted == 1)
        #expect(ingest(["content-type": "application/cloudevents-batch+json"], "[\(structured),\(structured)]").0.accepted == 2)
        let unknown = ["ce-specversion": "1.0", "ce-type": "org.kubeflow.serving.inference.request", "ce-id": "1",
                       "ce-inferenceservicename": "iris", "content-type": "application/json"]
        let (outcome, batch) = ingest(unknown, #"{"what":"ever"}"#)
        #expect(outcome == .init(accepted: 0, malformed: 1))
        #expect(batch.malformed.first?.reason == .unknownPayload)
        #expect(ingest(unknown, "not json").0.malformed == 1)
    }
}
