import Testing
import ModelTopCore
@testable import ModelTopText

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

    /// The minute cache answers as the full parser on every text, in any order: the same minute
    /// again (with other seconds, fractions, offsets, and broken rests), another minute, and
    /// texts that share 16 bytes with the cached one but not the 17th.
    @Test func minuteCacheEqualsTheParser() {
        let good = ["2026-11-26T14:54:45Z", "2026-11-26T14:54:59.999+01:00", "2026-11-26T14:54:60Z", "2026-11-26T14:54:00.5z",
                    "2026-11-26T14:55:01Z", "2026-11-26 14:55:01Z", "2026-11-26T14:55:01-05:30", "2016-12-31T23:59:60Z",
                    "2000-02-29T00:00:00.000000000000000001Z"]
        let bad = ["2026-11-26T14:54:61Z", "2026-11-26T14:54:45", "2026-11-26T14:54:45.Z", "2026-11-26T14:54:45Zx",
                   "2026-11-26T14:54x45Z", "2026-11-26T14:54:4", "2026-11-26T14:54:45+0100", "2026-11-31T00:00:00Z",
                   "2025-02-29T00:00:00Z", "2026-11-26T14:54"]
        var cache = RFC3339.MinuteCache()
        var random = SystemRandomNumberGenerator()
        let all = good + bad
        for _ in 0..<2000 {
            let text = all[Int(random.next() % UInt64(all.count))]
            var copy = text
            let cached = copy.withUTF8 { cache.seconds(UnsafeRawBufferPointer($0)) }
            let direct = RFC3339.seconds(text)
            #expect(cached == direct, "\(text): \(String(describing: cached)) vs \(String(describing: direct))")
            if cached != direct { return }
        }
        #expect(good.allSatisfy { RFC3339.seconds($0) != nil } && bad.allSatisfy { RFC3339.seconds($0) == nil })
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
}

@Suite struct SanitizerTests {
    @Test func sanitizer() {
        #expect(Sanitizer.sanitize("a\u{1b}[2J\u{1b}[31mb\u{1b}]0;title\u{07}c\td\u{7f}e\u{9b}f") == "abc d·e·f")
        #expect(Sanitizer.sanitize("safe\u{202e}txt") == "safetxt")
        #expect(Sanitizer.sanitize("abcdef", limit: 3) == "abc…")
        #expect(Sanitizer.sanitize("日本語") == "日本語")
        let bytes: [UInt8] = [0x61, 0xff, 0x62]
        #expect(bytes.withUnsafeBytes { Sanitizer.sanitize($0) } == "a\u{FFFD}b")
    }

    @Test func byteOrderMarksAreDropped() {
        #expect(Sanitizer.sanitize("\u{FEFF}model") == "model")
        #expect(Sanitizer.sanitize("a\u{FEFF}b") == "ab")
    }

    @Test func cutsNeverSplitAGrapheme() {
        let flags = "\u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA}\u{1F1EE}\u{1F1F9}"  // FR DE IT
        #expect(Sanitizer.sanitize(flags, limit: 2) == "\u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA}…")
        #expect(Sanitizer.sanitize(flags, limit: 3) == flags)
        #expect(Sanitizer.sanitize("e\u{301}e\u{301}e\u{301}", limit: 2) == "e\u{301}e\u{301}…")
        #expect(Sanitizer.sanitize("abc", limit: 3) == "abc")
        // Work is bounded by the limit, not by the text.
        let long = String(repeating: "x", count: 1_000_000)
        #expect(Sanitizer.sanitize(long, limit: 10) == "xxxxxxxxxx…")
    }
}

@Suite struct DisplayWidthTests {
    @Test func graphemes() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("\u{1F1EB}\u{1F1F7}") == 2)  // a flag: two regional indicators, two columns
        #expect(DisplayWidth.of(Character("\u{1F1EB}\u{1F1F7}")) == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{2764}\u{FE0F}") == 2)
    }
}

@Suite struct FormatTests {
    @Test func numbersForPeople() {
        #expect(Format.compact(1234) == "1.2k")
        #expect(Format.compact(56_789) == "57k")
        #expect(Format.compact(0.5) == "0.50")
        #expect(Format.compact(nil) == "-")
        #expect(Format.pValue(2.5e-36) == "2.5e-36")
        #expect(Format.pValue(0.5) == "0.500")
        #expect(Format.pValue(0) == "0")
        #expect(Format.percent(0.973) == "97.3%")
        #expect(Format.stat(0.12345) == "0.123")
        #expect(Format.milliseconds(12.34) == "12.3ms")
        #expect(Format.milliseconds(1500) == "1.5s")
        #expect(Format.age(125) == "2m")
        #expect(Format.shortest(2) == "2")
        #expect(Format.shortest(0.1) == "0.1")
        #expect(Format.clock(1_795_704_885) == "14:54:45")
        #expect(Format.dateTime(1_795_704_885) == "2026-11-26 14:54:45")
    }

    /// Any Double formats without trapping: no integer conversion out of range.
    @Test(arguments: [1e19, -1e19, 1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                      .leastNonzeroMagnitude, 9.999e14, 1e15, .nan, .infinity, -.infinity])
    func everyDoubleFormats(x: Double) {
        for text in [Format.fixed(x, digits: 3), Format.compact(x), Format.percent(x), Format.stat(x), Format.pValue(x),
                     Format.milliseconds(x), Format.age(x), Format.shortest(x), Format.scientific(x)] {
            #expect(!text.isEmpty)
        }
        if x.isFinite && abs(x) >= 1e15 { #expect(Format.fixed(x, digits: 2).contains("e")) }
    }

    @Test func scientificRoundsIntoTheNextDecade() {
        #expect(Format.scientific(9.96e-5) == "1.0e-4")
        #expect(Format.scientific(1e19) == "1.0e19")
        #expect(Format.scientific(-2.5e300) == "-2.5e300")
    }
}
