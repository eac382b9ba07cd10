import Testing
@testable import ModelTopText

@Suite struct JSONParsingTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test func valuesAndOrder() throws {
        let v = try parse(#" {"b": [1, -2.5, 1e3, true, false, null], "a": "x\"\u00e9\ud83d\ude00\n", "b": {}} "#)
        #expect(v.members?.map(\.0) == ["b", "a", "b"])  // order and duplicates kept
        #expect(v["b"] == .array([.int(1), .number(-2.5), .number(1000), .bool(true), .bool(false), .null]))
        #expect(v["a"] == .string("x\"é😀\n"))
        #expect(try parse("9007199254740993") == .int(9_007_199_254_740_993))  // exact beyond 2^53
        #expect(try parse("[]") == .array([]))
        // Renders back to what it read.
        #expect(try parse(v.rendered()).rendered() == v.rendered())
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\"}", "01", "1.", "-", "1e400", "tru", "\"\\x\"", "\"a\nb\"", "{} x",
                      "NaN", "[1 2]", "\"\\ud800\""])
    func rejects(_ text: String) {
        if text == "\"\\ud800\"" {  // a lone surrogate reads as U+FFFD
            #expect((try? parse(text)) == .string("\u{FFFD}"))
            return
        }
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func depthIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(deep) }
        let ok = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        #expect((try? parse(ok)) != nil)
    }
}
