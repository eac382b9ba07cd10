import Foundation
import Testing
@testable import ModelTopUI

/// Compares `text` with Snapshots/`name`.txt. With MODELTOP_RECORD=1 the file is (re)written
/// and the test fails, so a recording is never mistaken for a pass.
func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
    if ProcessInfo.processInfo.environment["MODELTOP_RECORD"] == "1" {
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name); run again without MODELTOP_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name) (record it with MODELTOP_RECORD=1)", sourceLocation: sourceLocation)
        return
    }
    let want = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
    if want != text {
        let a = want.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("""
            snapshot \(name) differs at line \(first + 1):
              expected: \(first < a.count ? String(a[first]) : "<end>")
              actual:   \(first < b.count ? String(b[first]) : "<end>")
            """, sourceLocation: sourceLocation)
    }
}

extension CellBuffer {
    /// One character per cell for a style property, for snapshots of what text does not show:
    /// `heat` levels (0-9), or `B` bold, `R` reverse, `*` both, `.` neither.
    func styleMap(_ property: (Style) -> Character) -> String {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where self[x, y].character != Cell.continuation { line.append(property(self[x, y].style)) }
            while line.last == "." || line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    var attributeMap: String {
        styleMap { $0.bold && $0.reverse ? "*" : $0.bold ? "B" : $0.reverse ? "R" : "." }
    }

    var heatMap: String {
        styleMap { style in
            if case .heat(let level, _) = style.foreground { return Character(String(level)) }
            return "."
        }
    }
}
