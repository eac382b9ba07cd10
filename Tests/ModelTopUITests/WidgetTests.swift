import Foundation
import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopUI

@Suite struct WidgetTests {
    func draw(width: Int, height: Int = 1, context: RenderContext = RenderContext(),
              _ body: (inout CellBuffer, Rect) -> Void) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        body(&buffer, buffer.area)
        return buffer
    }

    @Test func sparklineScalesNewestRight() {
        let values: [Double?] = [0, 1, 2, 3, 4, 5, 6, 7, nil, 7]
        let unicode = draw(width: 12) { Sparkline(values: values).render(in: $1, buffer: &$0, context: RenderContext()) }
        #expect(unicode.text == "  ▁▂▃▄▅▆▇█ █")
        let ascii = draw(width: 12) { Sparkline(values: values).render(in: $1, buffer: &$0, context: RenderContext(glyphs: .ascii)) }
        #expect(ascii.text == "  _.-~=+*# #")
        let narrow = draw(width: 4) { Sparkline(values: values).render(in: $1, buffer: &$0, context: RenderContext()) }
        #expect(narrow.text == "▇█ █")  // the last values, scaled over what is shown
        let flat = draw(width: 3) { Sparkline(values: [0, 0, 0]).render(in: $1, buffer: &$0, context: RenderContext()) }
        #expect(flat.text == "▁▁▁")
        let fixed = draw(width: 3) { Sparkline(values: [0.5, 1, 0], range: 0...1).render(in: $1, buffer: &$0, context: RenderContext()) }
        #expect(fixed.text == "▅█▁")
    }

    @Test func heatmapInColourAndMonochrome() {
        let heatmap = Heatmap(rows: [
            .init(label: "amount", values: [0.0, 0.03, 0.07, 0.12, 0.2, 0.4]),
            .init(label: "a very long feature name", values: [nil, 0.01, nil, 0.3]),
        ], thresholds: [0.02, 0.05, 0.1, 0.175, 0.25], labelWidth: 10, cursor: (1, 3))
        let colour = draw(width: 20, height: 2) { heatmap.render(in: $1, buffer: &$0, context: RenderContext()) }
        let mono = draw(width: 20, height: 2) { heatmap.render(in: $1, buffer: &$0, context: RenderContext(monochrome: true)) }
        let ascii = draw(width: 20, height: 2) { heatmap.render(in: $1, buffer: &$0, context: RenderContext(glyphs: .ascii, monochrome: true)) }
        // ASCII keeps a character per level in colour too: "#" everywhere would leave the
        // levels to the palette alone.
        let asciiColour = draw(width: 20, height: 2) { heatmap.render(in: $1, buffer: &$0, context: RenderContext(glyphs: .ascii)) }
        for text in [mono.text, ascii.text, asciiColour.text] {
            let levels = text.split(separator: "\n")[0].suffix(6)
            #expect(Set(levels).count == 6, "\(levels)")
        }
        expectSnapshot([colour.text, colour.heatMap, colour.attributeMap, mono.text, ascii.text, asciiColour.text].joined(separator: "\n--\n"),
                       named: "widget-heatmap")
    }

    @Test func tableAlignsWideCharactersAndHighlightsTheSelection() {
        let table = Table(columns: [.init("NAME", width: 8), .init("N", width: 4, rightAligned: true)],
                          rows: [[.plain("日本語モデル"), .plain("1")], [.plain("cafe\u{301}"), .plain("22")], [.plain("x"), .plain("333")]],
                          selected: 1)
        let buffer = draw(width: 14, height: 4) { table.render(in: $1, buffer: &$0, context: RenderContext(monochrome: true)) }
        expectSnapshot(buffer.text + "\n--\n" + buffer.attributeMap, named: "widget-table")
        #expect(buffer.lines[1] == "日本語…     1")
    }

    @Test func histogramAndCDFPlot() {
        let histogram = Histogram(bins: [.init(label: "≤1", reference: 0.5, current: 0.25), .init(label: ">1", reference: 0.5, current: 0.75)])
        let h = draw(width: 40, height: 3) { histogram.render(in: $1, buffer: &$0, context: RenderContext()) }
        let plot = CDFPlot(reference: [1, 2, 3, 4], current: [3, 4, 5, 6], location: 4, axis: .init([1, 2, 3, 4], [3, 4, 5, 6]))
        let p = draw(width: 30, height: 8) { plot.render(in: $1, buffer: &$0, context: RenderContext(glyphs: .ascii)) }
        expectSnapshot(h.text + "\n--\n" + p.text, named: "widget-histogram-cdf")
    }

    @Test func badgesReadWithoutColour() {
        #expect(Badge(.ok).text == "OK")
        #expect(Badge(.alert).style.reverse && Badge(.alert).style.bold)
        #expect(Badge(.warn).style.bold)
    }

    @Test func textHelpers() {
        #expect(Text.truncate("abcdef", to: 4) == "abc…")
        #expect(Text.truncate("日本語", to: 5) == "日本…")
        #expect(Text.truncate("abc", to: 3) == "abc")
        #expect(Text.pad("ab", to: 4, right: true) == "  ab")
        #expect(Text.clean("evil\u{1b}[2Jname") == "evilname")
    }

    @Test func cellBufferClipsAndKeepsColumnsAligned() {
        var buffer = CellBuffer(width: 6, height: 2)
        let end = buffer.write("a日b", x: 0, y: 0)
        #expect(end == 4)
        buffer.write("xx日", x: 3, y: 1)  // the wide character does not fit: left out
        buffer.write("ignored", x: 0, y: 5)
        #expect(buffer.lines == ["a日b", "   xx"])
        #expect(buffer[2, 0].character == Cell.continuation)
        var clipped = CellBuffer(width: 10, height: 1)
        clipped.write("0123456789", x: 0, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        #expect(clipped.text == "  234")
    }

    @Test func themeFilesParseWithErrorsNamingFileLineAndKey() throws {
        let loaded = try Theme.parse("""
            name = "t"
            [colors]
            alert = "#ff0000"
            ok = 34
            [heatmap]
            scale = ["#000000", 231]
            """, file: "t.toml")
        #expect(loaded.theme.color(.alert) == .rgb(255, 0, 0))
        #expect(loaded.theme.color(.ok) == .indexed(34))
        #expect(loaded.theme.heatmap == [.rgb(0, 0, 0), .indexed(231)])
        #expect(loaded.theme.color(.title) == Theme.default.color(.title))  // missing keys fall back
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings[0].hasPrefix("t.toml: no colour for text"))
        for (text, line, key) in [("[colors]\nalert = \"red\"", 2, "alert"), ("[colors]\nfoo = 1", 2, "foo"),
                                  ("[heatmap]\nscale = [\"#000000\"]", 2, "scale"), ("[colors]\nok = 300", 2, "ok")] {
            do {
                _ = try Theme.parse(text, file: "bad.toml")
                Issue.record("\(text) should fail")
            } catch {
                #expect(error.line == line)
                #expect(error.key == key)
                #expect(error.description.hasPrefix("bad.toml:\(line): key '\(key)'"))
            }
        }
    }

    @Test func colourFallbacks() {
        #expect(TerminalColor.rgb(255, 0, 0).paletteIndex == 196)
        #expect(TerminalColor.rgb(0x30, 0x30, 0x30).paletteIndex == 236)
        #expect(TerminalColor.rgb(255, 95, 95).basicIndex == 1)  // red
        #expect(TerminalColor.rgb(0x5f, 0xd7, 0x5f).basicIndex == 2)  // green
        #expect(TerminalColor.rgb(255, 215, 0).basicIndex == 3)  // yellow
        #expect(TerminalColor.indexed(24).basicIndex == 6)  // a dark cyan-blue
        #expect(TerminalColor.terminalDefault.paletteIndex == nil)
    }
}

@Suite struct ShippedThemeTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path

    @Test(arguments: ["default", "light", "high-contrast", "colorblind"])
    func themeFilesAreCompleteAndValid(name: String) throws {
        let loaded = try Theme.load(name, directories: [Self.directory])
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.theme.name == name)
        #expect(loaded.theme.heatmap.count >= 5)
    }

    /// The colorblind scale must stay ordered by lightness (what deuteranopes still see).
    @Test func colorblindScaleIsOrderedByLightness() throws {
        let theme = try Theme.load("colorblind", directories: [Self.directory]).theme
        let lightness = theme.heatmap.compactMap(\.rgbValue).map { 0.2126 * Double($0.0) + 0.7152 * Double($0.1) + 0.0722 * Double($0.2) }
        #expect(lightness == lightness.sorted())
    }

    @Test func availableThemesListDefaultFirst() {
        #expect(Theme.available(in: [Self.directory]) == ["default", "colorblind", "high-contrast", "light"])
    }
}

@Suite struct HeatCellTests {
    /// Too few values read `?`, never a hot colour; the column in progress is dim.
    @Test func tooFewAndInProgress() {
        let heatmap = Heatmap(rows: [.init(label: "x", values: [.value(0.3), .tooFew, .value(0.3), .empty])],
                              thresholds: [0.1, 0.25], labelWidth: 2, dimmedColumn: 2)
        var buffer = CellBuffer(width: 7, height: 1)
        heatmap.render(in: buffer.area, buffer: &buffer, context: RenderContext())
        #expect(buffer.text == "x  █?█")
        #expect(buffer[4, 0].style.foreground == .role(.dim))
        #expect(buffer[3, 0].style.foreground == .heat(level: 2, of: 3))
        #expect(!buffer[3, 0].style.dim)
        #expect(buffer[5, 0].style.dim)
    }
}
