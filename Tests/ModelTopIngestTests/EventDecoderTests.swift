import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopIngest

@Suite struct EventDecoderTests {
    @Test func predictionWithEveryField() {
        let d = decode("""
            {"model":"fraud","ts":"2026-11-26T10:00:00.250Z","version":"v2","node":"n1","prediction":1,"id":"r1",\
            "score":0.93,"latency_ms":12.5,"label":0,"features":{"amount":12.5,"country":"DE","new":true,"x":null}}

            """)
        #expect(d.statistics.events == 1)
        #expect(d.statistics.malformed == 0)
        let e = d.events[0]
        #expect(e.kind == .prediction)
        #expect(d.name(e.model) == "fraud")
        #expect(d.name(e.node) == "n1")
        #expect(d.name(e.version) == "v2")
        #expect(e.time == RFC3339.seconds("2026-11-26T10:00:00Z")! + 0.25)
        #expect(e.prediction == .number(1))
        #expect(e.label == .number(0))
        #expect(e.id == JoinKey(string: "r1"))
        #expect(e.score == 0.93)
        #expect(e.latency == 12.5)
        let f = d.features(0)
        #expect(f["amount"] == .number(12.5))
        #expect(d.string(f["country"]) == "DE")
        #expect(f["new"] == .bool(true))
        #expect(f["x"] == .null)
        #expect(f.count == 4)
    }

    @Test func defaultsForOptionalFields() {
        let d = decode(#"{"model":"m","prediction":"cat"}"#, arrival: 1234.5)
        let e = d.events[0]
        #expect(e.time == 1234.5)  // no ts: arrival time
        #expect(d.name(e.node) == "src")  // no node: the source's name
        #expect(e.version == nil)
        #expect(e.id == nil)
        #expect(e.score == nil)
        #expect(e.label == nil)
        #expect(d.string(e.prediction) == "cat")
        #expect(e.features.isEmpty)
    }

    @Test func numericTimestampsAndVersions() {
        let d = decode("""
            {"model":"m","ts":1700000000.123456,"version":2,"prediction":true}
            {"model":"m","ts":1700000001,"version":1.5,"prediction":false}
            """)
        #expect(d.events[0].time == 1700000000.123456)
        #expect(d.name(d.events[0].version) == "2")
        #expect(d.events[0].prediction == .bool(true))
        #expect(d.name(d.events[1].version) == "1.5")
        #expect(d.events[1].time == 1700000001)
    }

    @Test func labelEventJoinsById() {
        let d = decode("""
            {"model":"m","id":42,"label":"spam"}
            {"model":"m","id":"42","label":"spam"}
            """)
        #expect(d.events.map(\.kind) == [.label, .label])
        #expect(d.events[0].id == JoinKey(number: 42))
        #expect(d.events[0].id == JoinKey(number: 42.0))
        #expect(d.events[1].id == JoinKey(string: "42"))
        #expect(d.events[0].id != d.events[1].id)
        #expect(d.string(d.events[0].label) == "spam")
        #expect(d.statistics.labels == 2)
    }

    @Test func metricEvent() {
        let d = decode(#"{"model":"m","metric":"error_rate","value":0.02,"node":"n2"}"#)
        #expect(d.events[0].kind == .metric)
        #expect(d.name(d.events[0].metric) == "error_rate")
        #expect(d.events[0].value == 0.02)
        #expect(d.statistics.metrics == 1)
    }

    @Test func fullDoublePrecisionAndEscapes() {
        let d = decode(#"{"model":"caf\u00e9 \"x\"\n","prediction":0.1,"score":2.2250738585072014e-308,"features":{"a\tb":-1.7976931348623157e308,"big":9007199254740993}}"#)
        #expect(d.name(d.events[0].model) == "café \"x\"\n")
        #expect(d.events[0].prediction == .number(0.1))
        #expect(d.events[0].score == 2.2250738585072014e-308)
        let f = d.features(0)
        #expect(f["a\tb"] == .number(-1.7976931348623157e308))
        #expect(f["big"] == .number(9007199254740992))  // nearest double
    }

    @Test func blankLinesAreSkippedNotMalformed() {
        let d = decode("\n   \n\t\r\n{\"model\":\"m\",\"prediction\":1}\r\n\n")
        #expect(d.statistics.blank == 4)
        #expect(d.statistics.lines == 5)
        #expect(d.statistics.events == 1)
        #expect(d.statistics.malformed == 0)
    }

    @Test(arguments: [
        ("not json", MalformedReason.syntax),
        ("[1,2]", .notObject),
        ("\"model\"", .notObject),
        ("{\"model\":\"m\",\"prediction\":NaN}", .syntax),
        ("{\"model\":\"m\",\"prediction\":Infinity}", .syntax),
        ("{\"model\":\"m\",\"prediction\":-Infinity}", .invalidNumber),
        ("{\"model\":\"m\",\"prediction\":0x10}", .invalidNumber),
        ("{\"model\":\"m\",\"prediction\":01}", .invalidNumber),
        ("{\"model\":\"m\",\"prediction\":1.}", .invalidNumber),
        ("{\"model\":\"m-1\",\"prediction\":[1e400, 2]}", .numberOutOfRange),
        ("{\"model\":\"01\",\"prediction\":1e400}", .numberOutOfRange),
        ("{\"model\":\"m\",\"prediction\":1e400}", .numberOutOfRange),
        ("{\"model\":\"m\",\"prediction\":-1e400}", .numberOutOfRange),
        ("{\"model\":\"m\",\"prediction\":123456789012345678901234567890}", .numberOutOfRange),
        ("{\"model\":\"m\",\"prediction\":1} trailing", .syntax),
        ("{\"model\":\"m\",\"prediction\":1", .syntax),
        ("{\"model\":\"m\",\"prediction\":\"a\\qb\"}", .badString),
        ("{\"prediction\":1}", .missingModel),
        ("{\"model\":7,\"prediction\":1}", .missingModel),
        ("{\"model\":\"\",\"prediction\":1}", .missingModel),
        ("{\"model\":\"m\"}", .noKind),
        ("{\"model\":\"m\",\"prediction\":null}", .noKind),
        ("{\"model\":\"m\",\"label\":1}", .labelWithoutID),
        ("{\"model\":\"m\",\"metric\":\"qps\"}", .metricWithoutValue),
        ("{\"model\":\"m\",\"metric\":\"qps\",\"value\":\"x\"}", .metricWithoutValue),
        ("{\"model\":\"m\",\"metric\":5,\"value\":1}", .badMetric),
        ("{\"model\":\"m\",\"prediction\":1,\"ts\":\"yesterday\"}", .badTimestamp),
        ("{\"model\":\"m\",\"prediction\":1,\"ts\":\"2026-02-30T00:00:00Z\"}", .badTimestamp),
        ("{\"model\":\"m\",\"prediction\":1,\"ts\":true}", .badTimestamp),
        ("{\"model\":\"m\",\"prediction\":1,\"version\":[1]}", .badVersion),
        ("{\"model\":\"m\",\"prediction\":1,\"node\":3}", .badNode),
        ("{\"model\":\"m\",\"prediction\":{}}", .badPrediction),
        ("{\"model\":\"m\",\"prediction\":1,\"id\":true}", .badID),
        ("{\"model\":\"m\",\"prediction\":1,\"score\":\"0.5\"}", .badScore),
        ("{\"model\":\"m\",\"prediction\":1,\"latency_ms\":\"fast\"}", .badLatency),
        ("{\"model\":\"m\",\"prediction\":1,\"label\":[0]}", .badLabel),
        ("{\"model\":\"m\",\"prediction\":1,\"features\":[1,2]}", .badFeatures),
    ])
    func malformedLines(line: String, reason: MalformedReason) {
        let d = decode(line + "\n")
        #expect(d.statistics.malformed == 1, "\(line)")
        #expect(d.statistics.events == 0)
        #expect(d.malformed.first?.reason == reason, "\(line)")
    }

    @Test func invalidUTF8IsMalformed() {
        // A String would repair the bytes, so the buffer is built by hand.
        var bytes: [UInt8] = Array(#"{"model":"m","prediction":""#.utf8) + [0xff, 0xfe] + Array("\"}\n".utf8)
        let symbols = SymbolTable()
        let decoder = EventDecoder(symbols: symbols)
        let count = bytes.count
        bytes += [UInt8](repeating: 0x20, count: ReadBuffer.padding)
        var batch = EventBatch()
        var statistics = SourceStatistics()
        var malformed: [MalformedLine] = []
        var sourceTime: Double?
        bytes.withUnsafeBytes { raw in
            decoder.decode(UnsafeRawBufferPointer(rebasing: raw[0..<count]),
                           context: .init(node: symbols.intern("s"), sourceName: "s", arrivalTime: 0),
                           sourceTime: &sourceTime, into: &batch, statistics: &statistics, malformed: &malformed)
        }
        #expect(statistics.malformed == 1)
        #expect(malformed.first?.reason == .invalidUTF8)
        #expect(malformed.first?.text.contains("\u{FFFD}") == true)
    }

    @Test func nestedFeatureValuesAreCountedAndLeftOut() {
        let d = decode(#"{"model":"m","prediction":1,"features":{"a":1,"emb":[0.1,0.2],"o":{"k":1}}}"#)
        #expect(d.statistics.events == 1)
        #expect(d.statistics.nestedFeatureValues == 2)
        #expect(d.features(0).keys.sorted() == ["a"])
    }

    @Test func malformedSamplesAreSanitizedAndBounded() {
        let lines = (0..<20).map { "bad \($0) \u{1b}[31mred\u{1b}[0m\u{07}" }.joined(separator: "\n")
        let d = decode(lines)
        #expect(d.statistics.malformed == 20)
        #expect(d.malformed.count == EventDecoder.sampleLimit)
        #expect(d.malformed.last?.text == "bad 19 red·")
        #expect(d.malformed.first?.text.hasPrefix("bad 12 ") == true)
    }

    @Test func namesAreInternedOnce() {
        let symbols = SymbolTable()
        let line = #"{"model":"m","node":"n","prediction":"yes","features":{"a":1,"b":"x","c":2}}"# + "\n"
        _ = decode(String(repeating: line, count: 1000), symbols: symbols)
        let before = symbols.count
        let d = decode(String(repeating: line, count: 1000), symbols: symbols)
        #expect(symbols.count == before)
        #expect(before == 8)  // src, m, n, yes, a, b, x, c
        #expect(d.statistics.events == 1000)
    }

    /// Names and values are matched a word at a time: lengths around 8, 16 and 32 bytes, names
    /// sharing long prefixes, and keys that move between lines must all resolve exactly.
    @Test func namesOfEveryLengthAndOrderResolveExactly() {
        let prefix = "feature_name_with_a_long_prefix_"  // 32 bytes
        let lengths = [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40]
        var lines: [String] = []
        var expected: [[String: String]] = []
        for i in 0..<400 {
            var features: [(name: String, value: String)] = lengths.enumerated().map { k, length in
                (String((prefix + "\(k)").suffix(length)), String(repeating: "v", count: (i + k) % 20) + "\(i % 3)")
            }
            if i % 5 == 0 { features.reverse() }  // positions change
            if i % 7 == 0 { features.removeFirst() }
            let model = i % 2 == 0 ? "m" : "model_name_longer_than_sixteen"
            lines.append(#"{"model":"\#(model)","prediction":1,"features":{"#
                + features.map { #""\#($0.name)":"\#($0.value)""# }.joined(separator: ",") + "}}")
            expected.append(Dictionary(uniqueKeysWithValues: features.map { ($0.name, $0.value) }))
        }
        let d = decode(lines.joined(separator: "\n"))
        #expect(d.statistics.events == 400)
        for i in 0..<400 {
            #expect(d.name(d.events[i].model) == (i % 2 == 0 ? "m" : "model_name_longer_than_sixteen"))
            #expect(d.features(i).mapValues { d.string($0) } == expected[i], "line \(i)")
        }
    }

    /// Top-level keys are routed by length, first byte and a word compare: keys that differ only
    /// late, or only in length, must not be confused, in any order.
    @Test func fieldMappingKeysThatDifferLate() {
        var mapping = FieldMapping()
        mapping[.model] = ["model_name_that_is_quite_long_a"]
        mapping[.node] = ["model_name_that_is_quite_long_b"]
        mapping[.version] = ["model_name_"]
        mapping[.score] = ["model_name_x"]
        let d = decode("""
            {"model_name_that_is_quite_long_a":"m","model_name_that_is_quite_long_b":"h","model_name_":"v1","model_name_x":0.5,"prediction":1}
            {"model_name_x":0.25,"model_name_":"v2","model_name_that_is_quite_long_b":"h2","model_name_that_is_quite_long_a":"m2","prediction":1}
            {"model_name_that_is_quite_long_a":"m3","model_name_y":0.75,"model_name_":"v3","model_name_that_is_quite_long_c":"no","prediction":1}
            {"model_name_that_is_quite_long_c":"no","model_name":"no","prediction":1}
            """, mapping: mapping)
        #expect(d.statistics.events == 3)
        #expect(d.events.map { d.name($0.model) } == ["m", "m2", "m3"])
        #expect(d.events.map { d.name($0.node) } == ["h", "h2", "src"])
        #expect(d.events.map { d.name($0.version) } == ["v1", "v2", "v3"])
        #expect(d.events.map(\.score) == [0.5, 0.25, nil])
        #expect(d.malformed.map(\.reason) == [.missingModel])
    }

    @Test func lastLineWithoutNewline() {
        let d = decode("{\"model\":\"m\",\"prediction\":1}\n{\"model\":\"m\",\"prediction\":2}")
        #expect(d.statistics.events == 2)
    }

    @Test func fieldMappingReadsNestedPaths() throws {
        let toml = """
            model = "meta.model_name"
            features = "request.inputs"
            score = "response.probability"
            prediction = "response.class"
            ts = "meta.time"
            """
        let config = try Configuration(document: TOMLDocument(parsing: toml, file: "c.toml"), file: "c.toml")
        let d = decode(#"{"meta":{"model_name":"fraud","time":5},"request":{"inputs":{"a":1}},"response":{"probability":0.7,"class":1},"model":"ignored"}"#,
                       mapping: config.fields)
        #expect(d.statistics.events == 1)
        #expect(d.name(d.events[0].model) == "fraud")
        #expect(d.events[0].score == 0.7)
        #expect(d.events[0].prediction == .number(1))
        #expect(d.events[0].time == 5)
        #expect(d.features(0)["a"] == .number(1))
    }

    @Test func fieldMappingSharingAPrefixAndMissingPaths() throws {
        var mapping = FieldMapping()
        mapping[.model] = ["meta", "model"]
        mapping[.node] = ["meta", "host"]
        mapping[.version] = ["meta", "deep", "v"]
        let d = decode("""
            {"meta":{"model":"m","host":"h1","deep":{"v":"3"}},"prediction":1}
            {"meta":{"model":"m","deep":5},"prediction":1}
            {"meta":"flat","prediction":1}
            """, mapping: mapping)
        #expect(d.statistics.events == 2)
        #expect(d.name(d.events[0].node) == "h1")
        #expect(d.name(d.events[0].version) == "3")
        #expect(d.name(d.events[1].node) == "src")
        #expect(d.events[1].version == nil)
        #expect(d.malformed.first?.reason == .missingModel)
    }
}

/// Large buffers go through simdjson's parse_many with a fallback to line-by-line parsing;
/// lines decoded one by one never do. Both must agree on every line, whatever the mix.
@Suite struct StreamedDecodingTests {
    static let awkward = [
        "{not json", #"{"model":"m","prediction":NaN}"#, "[1,2,3]", "42", #""just a string""#,
        #"{"model":"m","prediction":1} {"model":"m","prediction":2}"#,  // two documents on a line
        #"{"model":"m","prediction":"unterminated}"#, #"{"model":"m","#, "}", "   ", "\t\r",
        #"{"model":"m","x":"a\u0001b","prediction":3}"#, "\u{1b}[31m", #"{"model":"m","prediction":1e999}"#,
        #"   {"model":"m","prediction":4}   "#, #"{"model":"m","prediction":5}"# + "\r",
        #"{"model":"é","prediction":6,"features":{"naïve":"ü"}}"#,
    ]

    @Test(arguments: [1, 2, 3, 4, 5])
    func fastPathAgreesWithLineByLine(seed: Int) {
        var state = UInt64(seed) &* 0x9e37_79b9_7f4a_7c15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var lines: [String] = []
        for i in 0..<3000 {
            if next() % 50 == 0 {
                lines.append(Self.awkward[next() % Self.awkward.count])
            } else {
                lines.append(#"{"model":"m\#(i % 3)","ts":\#(i),"prediction":\#(i),"features":{"a":\#(i % 7),"c":"k\#(i % 4)"}}"#)
            }
        }
        let text = lines.joined(separator: "\n") + (seed % 2 == 0 ? "\n" : "")
        let symbols = SymbolTable()
        let whole = decode(text, symbols: symbols)
        var one = (events: [Event](), lines: 0, blank: 0, malformed: 0, reasons: [MalformedReason]())
        var oneFeatures: [[EventBatch.Feature]] = []
        var sourceTime: Double?
        for line in lines {
            let d = decode(line + "\n", symbols: symbols, sourceTime: sourceTime)
            sourceTime = d.sourceTime
            for e in d.events { oneFeatures.append(Array(d.batch.features(of: e))) }
            one.events += d.events
            one.lines += d.statistics.lines
            one.blank += d.statistics.blank
            one.malformed += d.statistics.malformed
            one.reasons += d.malformed.map(\.reason)
        }
        #expect(whole.statistics.lines == one.lines)
        #expect(whole.statistics.blank == one.blank)
        #expect(whole.statistics.malformed == one.malformed)
        #expect(whole.statistics.events == one.events.count)
        #expect(whole.events.map(\.prediction) == one.events.map(\.prediction))
        #expect(whole.events.map(\.model) == one.events.map(\.model))
        #expect(whole.events.map(\.time) == one.events.map(\.time))
        #expect(whole.events.map { Array(whole.batch.features(of: $0)) } == oneFeatures)
        #expect(whole.malformed.map(\.reason) == Array(one.reasons.suffix(EventDecoder.sampleLimit)))
    }
}

/// The timestamp rules (docs/events.md): units told apart by magnitude, a documented range,
/// and lines without `ts` taking the source's last event time.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("1795600100", 1_795_600_100.0), ("1795600100.5", 1_795_600_100.5),
        ("1795600100000", 1_795_600_100.0), ("1795600100000000", 1_795_600_100.0),
        ("1795600100000000000", 1_795_600_100.0), ("\"2026-11-25T09:48:20Z\"", 1_795_600_100.0),
    ])
    func unitsAreDetected(ts: String, seconds: Double) {
        let d = decode(#"{"model":"m","ts":\#(ts),"prediction":1}"#)
        #expect(d.events.first.map { abs($0.time - seconds) < 1e-3 } == true, "\(ts)")
    }

    @Test(arguments: ["1e21", "-5", "7258118400", "\"1969-12-31T23:59:59Z\"", "\"2200-01-01T00:00:00Z\""])
    func outOfRangeIsMalformed(ts: String) {
        let d = decode(#"{"model":"m","ts":\#(ts),"prediction":1}"#)
        #expect(d.events.isEmpty)
        #expect(d.malformed.first?.reason == .timestampOutOfRange)
    }

    @Test func aLineWithoutTsTakesTheSourcesLastTime() {
        let d = decode("""
            {"model":"m","prediction":1}
            {"model":"m","ts":1795600100,"prediction":1}
            {"model":"m","prediction":2}
            {"model":"m","ts":1795600200,"prediction":3}
            """, arrival: 5)
        #expect(d.events.map(\.time) == [5, 1_795_600_100, 1_795_600_100, 1_795_600_200])
        #expect(d.sourceTime == 1_795_600_200)
    }

    /// `report --since/--until`: malformed lines among events outside the range are counted apart.
    @Test func malformedLinesOutsideTheRangeAreCountedApart() {
        let d = decode("""
            {"model":"m","ts":100,"prediction":1}
            not json
            {"model":"m","ts":1795600100,"prediction":1}
            also not json
            """, timeRange: 1_000_000_000...2_000_000_000)
        #expect(d.statistics.malformed == 1)
        #expect(d.statistics.malformedOutOfRange == 1)
        #expect(d.malformed.map(\.text) == ["also not json"])
    }

    /// 64-bit integer ids reach the monitor exactly.
    @Test func integerIdsKeepEveryBit() {
        let d = decode("""
            {"model":"s","ts":1,"id":1795046400123456000,"prediction":1}
            {"model":"s","ts":2,"id":1795046400123456001,"prediction":0}
            {"model":"s","ts":3,"id":18446744073709551615,"prediction":0}
            {"model":"s","ts":4,"id":1.0,"prediction":0}
            """)
        #expect(d.events.map(\.id) == [JoinKey(integer: 1_795_046_400_123_456_000), JoinKey(integer: 1_795_046_400_123_456_001),
                                       JoinKey(unsigned: .max), JoinKey(integer: 1)])
    }
}
