import Testing
@testable import ModelTopIngest

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2026-11-26T14:54:45Z", 1_795_704_885.0),
        ("2026-11-26t14:54:45z", 1_795_704_885.0),
        ("2026-11-26 14:54:45Z", 1_795_704_885.0),
        ("2026-11-26T15:54:45+01:00", 1_795_704_885.0),
        ("2026-11-26T09:24:45-05:30", 1_795_704_885.0),
        ("2026-11-26T14:54:45.5Z", 1_795_704_885.5),
        ("2026-11-26T14:54:45.123456789Z", 1_795_704_885.123456789),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2016-12-31T23:59:60Z", 1_483_228_800.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(RFC3339.seconds(text) == seconds)
    }

    @Test(arguments: ["", "2026-11-26", "2026-11-26T14:54:45", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
                      "2025-02-29T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T14:54:45.Z", "2026-11-26T14:54:45Zx",
                      "2026-11-26T14:54:45+0100", "26-11-26T14:54:45Z"])
    func rejects(text: String) {
        #expect(RFC3339.seconds(text) == nil)
    }

    @Test func formatsRoundTrip() {
        #expect(RFC3339.string(fromSeconds: 1_795_704_885.25, fractionDigits: 3) == "2026-11-26T14:54:45.250Z")
        #expect(RFC3339.string(fromSeconds: -1) == "1969-12-31T23:59:59Z")
        for t in stride(from: -1e9, through: 4e9, by: 123_456_789.0) {
            #expect(RFC3339.seconds(RFC3339.string(fromSeconds: t)) == t)
        }
    }
}

@Suite struct TOMLTests {
    @Test func parsesTheSubset() throws {
        let doc = try TOMLDocument(parsing: """
            # comment
            name = "x\\ty" # trailing
            'quoted key' = 'lit\\eral'
            [ui.colors]
            n = -12_000
            f = 0.25
            on = true
            list = ["#ff0000", "#00ff00", ]
            """, file: "t.toml")
        #expect(doc.entries.map(\.key) == ["name", "quoted key", "n", "f", "on", "list"])
        #expect(doc.entries[0].value == .string("x\ty"))
        #expect(doc.entries[1].value == .string("lit\\eral"))
        #expect(doc.entries[2].table == "ui.colors")
        #expect(doc.entries[2].value == .integer(-12000))
        #expect(doc.entries[3].value == .float(0.25))
        #expect(doc.entries[4].value == .bool(true))
        #expect(doc.entries[5].value == .array([.string("#ff0000"), .string("#00ff00")]))
        #expect(doc.entries[5].line == 8)
    }

    @Test(arguments: [
        ("a = ", 1, "expected a value"),
        ("a = bare", 1, "'bare' is not a TOML value (strings need quotes)"),
        ("x = 1\na = \"open", 2, "unterminated string"),
        ("[t\na = 1", 1, "expected ']' to close the table header"),
        ("a = 1\na = 2", 2, "defined twice"),
        ("a = [1, 2", 1, "expected ',' or ']' in the array (arrays must be on one line)"),
        ("= 3", 1, "expected a key"),
    ])
    func reportsLineAndMessage(text: String, line: Int, message: String) {
        #expect(throws: TOMLError.self) { try TOMLDocument(parsing: text, file: "f.toml") }
        do {
            _ = try TOMLDocument(parsing: text, file: "f.toml")
        } catch {
            #expect(error.line == line)
            #expect(error.message == message)
            #expect(error.description.hasPrefix("f.toml:\(line): "))
        }
    }

    @Test func configurationRejectsUnknownKeysWithLine() throws {
        let doc = try TOMLDocument(parsing: "model = \"a.b\"\nmodle = \"x\"\n", file: "c.toml")
        #expect(throws: TOMLError.self) { try Configuration(document: doc, file: "c.toml") }
        do {
            _ = try Configuration(document: doc, file: "c.toml")
        } catch {
            #expect(error.line == 2)
            #expect(error.key == "modle")
            #expect(error.description.hasPrefix("c.toml:2: key 'modle': unknown field"))
        }
        let bad = try TOMLDocument(parsing: "score = 3\n", file: "c.toml")
        #expect(throws: TOMLError.self) { try Configuration(document: bad, file: "c.toml") }
    }

    @Test func dottedPaths() {
        #expect(FieldMapping.keys(ofDottedPath: "a.b.c") == ["a", "b", "c"])
        #expect(FieldMapping.keys(ofDottedPath: "a\\.b.c") == ["a.b", "c"])
        #expect(FieldMapping.keys(ofDottedPath: "a..b") == nil)
        #expect(FieldMapping.keys(ofDottedPath: "") == nil)
    }
}

@Suite struct SmallParsingTests {
    @Test func sizes() {
        #expect(Units.bytes("64MiB") == 64 << 20)
        #expect(Units.bytes("64 MB") == 64 << 20)
        #expect(Units.bytes("1G") == 1 << 30)
        #expect(Units.bytes("500k") == 500 << 10)
        #expect(Units.bytes("123") == 123)
        #expect(Units.bytes("1.5k") == 1536)
        #expect(Units.bytes("x") == nil)
        #expect(Units.bytes("5 parsecs") == nil)
    }

    @Test func durations() {
        #expect(Units.seconds("1s") == 1)
        #expect(Units.seconds("250ms") == 0.25)
        #expect(Units.seconds("2m") == 120)
        #expect(Units.seconds("1h") == 3600)
        #expect(Units.seconds("3") == 3)
        #expect(Units.seconds("-1s") == nil)
        #expect(Units.seconds("1y") == nil)
    }

    @Test func sourceNames() {
        #expect(SourceName.of(path: "logs/node-a.jsonl") == "node-a")
        #expect(SourceName.of(path: "/var/log/app.jsonl.1") == "app")
        #expect(SourceName.of(path: "app.jsonl.2.gz") == "app")
        #expect(SourceName.of(path: "app.jsonl-20261126") == "app")
        #expect(SourceName.of(path: "app.log") == "app")
        #expect(SourceName.of(path: "server-2") == "server-2")
        #expect(SourceName.of(path: "v1.2") == "v1")
        #expect(SourceName.of(path: "-") == "stdin")
    }

    @Test func sanitizer() {
        #expect(Sanitizer.sanitize("a\u{1b}[2J\u{1b}[31mb\u{1b}]0;title\u{07}c\td\u{7f}e\u{9b}f") == "abc d·e·f")
        #expect(Sanitizer.sanitize("safe\u{202e}txt") == "safetxt")
        #expect(Sanitizer.sanitize("abcdef", limit: 3) == "abc…")
        #expect(Sanitizer.sanitize("日本語") == "日本語")
        let bytes: [UInt8] = [0x61, 0xff, 0x62]
        #expect(bytes.withUnsafeBytes { Sanitizer.sanitize($0) } == "a\u{FFFD}b")
    }
}
