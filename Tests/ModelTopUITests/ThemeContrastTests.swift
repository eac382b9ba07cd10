import Foundation
import Testing
@testable import ModelTopUI

/// Every shipped theme reads on its own selection and status bars: WCAG contrast of at least
/// 4.5:1 for text and 3:1 for glyphs (sparklines) over the selection background.
@Suite struct ThemeContrastTests {
    static func luminance(_ c: TerminalColor) -> Double? {
        guard let (r, g, b) = c.rgbValue else { return nil }
        func channel(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    static func contrast(_ a: TerminalColor, _ b: TerminalColor) -> Double? {
        guard let la = luminance(a), let lb = luminance(b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// What is drawn over the selection background: the selection's text (plain and dim text
    /// take it), statuses (OK, WARN, ALERT, PSI), and sparklines.
    static let selectedText: [ThemeRole] = [.selectionForeground, .ok, .warn, .alert]
    static let selectedGlyphs: [ThemeRole] = [.sparkline]

    @Test(arguments: ["default", "light", "high-contrast", "colorblind"])
    func readableOverTheSelection(_ name: String) throws {
        let theme = try Theme.parse(try #require(Theme.builtIn[name]), file: name).theme
        let background = theme.color(.selectionBackground)
        for (roles, minimum) in [(Self.selectedText, 4.5), (Self.selectedGlyphs, 3.0)] {
            for role in roles {
                let ratio = try #require(Self.contrast(theme.color(role), background), "\(name): \(role) has no fixed colour")
                #expect(theme.color(role) != background, "\(name): \(role) is the selection background")
                #expect(ratio >= minimum, "\(name): \(role) over the selection: \(String(format: "%.2f", ratio)):1, need \(minimum)")
            }
        }
        let status = try #require(Self.contrast(theme.color(.statusForeground), theme.color(.statusBackground)))
        #expect(status >= 4.5, "\(name): the status bar: \(String(format: "%.2f", status)):1")
    }

    /// The compiled-in themes are the files in themes/ (edit the files, then the Swift file).
    @Test func builtInThemesAreTheShippedFiles() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Theme.builtIn.keys))
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.trimmingCharacters(in: .newlines) == Theme.builtIn[String(file.dropLast(5))],
                    "Theme+BuiltIn.swift differs from themes/\(file)")
        }
        // Found by name without any theme directory: an installed binary has them.
        #expect(try Theme.load("light", directories: []).theme.name == "light")
        #expect(Theme.available(in: []) == ["default", "colorblind", "high-contrast", "light"])
    }
}
