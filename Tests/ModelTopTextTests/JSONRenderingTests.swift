import Testing
@testable import ModelTopText

@Suite struct JSONRenderingTests {
    /// Strings are escaped where JSON or a terminal needs it (quote, backslash, control
    /// characters, DEL, C1 controls) and written as they are otherwise (non-ASCII included).
    @Test func stringsAreEscapedOnlyWhereNeeded() {
        let cases: [(String, String)] = [
            ("plain name", #""plain name""#),
            ("café ☕ 😀", #""café ☕ 😀""#),
            ("a\"b\\c", #""a\"b\\c""#),
            ("back\\slash", #""back\\slash""#),
            ("quote\"", #""quote\"""#),
            ("tab\tnl\ncr\r", #""tab\tnl\ncr\r""#),
            ("\u{1b}[31m\u{7f}", #""\u001b[31m\u007f""#),
            ("del\u{7f}", #""del\u007f""#),
            ("c1 \u{85} nbsp \u{a0}", #""c1 \u0085 nbsp "# + "\u{a0}\""),
            ("", #""""#),
        ]
        for (value, want) in cases {
            #expect(JSONValue.string(value).rendered() == want)
        }
    }

    /// Pretty output: a line per object member and per container in an array, arrays of
    /// scalars on one line, empty containers closed at once; compact output on one line.
    @Test func layout() {
        let doc = JSONValue.object([
            ("a", .array([.int(1), .number(2.5), .null])),
            ("b", .array([.object([("x", .bool(true))]), .array([])])),
            ("c", .object([])),
            ("d", .string("s")),
        ])
        #expect(doc.rendered() == #"{"a": [1, 2.5, null], "b": [{"x": true}, []], "c": {}, "d": "s"}"#)
        #expect(doc.rendered(pretty: true) == """
            {
              "a": [1, 2.5, null],
              "b": [
                {
                  "x": true
                },
                []
              ],
              "c": {},
              "d": "s"
            }
            """)
        // Deeper than the cached indentations.
        var deep = JSONValue.int(7)
        for _ in 0..<20 { deep = .object([("k", deep)]) }
        let lines = deep.rendered(pretty: true).split(separator: "\n")
        #expect(lines.count == 41)
        #expect(lines[20] == Substring(String(repeating: " ", count: 40) + "\"k\": 7"))
    }
}
