extension CellBuffer {
    /// Replaces every non-ASCII character with an ASCII one: the last step of an `--ascii`
    /// frame, so text from logs (names in any script) cannot put a byte the terminal's
    /// character set lacks on screen. Widgets already draw ASCII glyphs; this catches the rest.
    /// A wide character becomes two `?`, so columns stay aligned.
    /// - Complexity: O(width · height).
    public mutating func transliterateToASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let character = self[x, y].character
                if character.isASCII { continue }
                var cell = self[x, y]
                cell.character = character == Cell.continuation ? "?" : Self.asciiFallback[character] ?? "?"
                self[x, y] = cell
            }
        }
    }

    /// Single-column look-alikes of the punctuation modeltop itself writes.
    static let asciiFallback: [Character: Character] = [
        "…": "~", "·": ".", "–": "-", "—": "-", "−": "-", "×": "x", "≤": "<", "≥": ">", "▸": ">", "›": ">",
        "←": "<", "→": ">", "↑": "^", "↓": "v", "│": "|", "─": "-", "²": "2", "█": "#", "∞": "i",
    ]
}
