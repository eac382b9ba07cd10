import ModelTopText

/// A grid of cells that widgets draw into and the terminal backend copies to the screen.
///
/// Text is measured by display width: a wide character takes two cells, combining marks none,
/// and nothing is written outside the buffer or the clip rectangle given.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { cells[y * width + x] = cell }
        }
    }

    /// Writes `text` from (x, y), clipped to `clip` (the whole buffer by default); returns the
    /// column after the last cell written. Text must already be sanitized; control
    /// characters are skipped.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY, y >= 0, y < height else { return x }
        let limit = min(bounds.maxX, width)
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 {
                if character.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7f }) ?? true { continue }
                // A combining mark joins the previous cell's character.
                if column - 1 >= max(bounds.x, 0), column - 1 < limit {
                    var previous = cells[y * width + column - 1].character
                    previous = Character(String(previous) + String(character))
                    cells[y * width + column - 1].character = previous
                }
                continue
            }
            if column + w > limit { break }
            if column >= max(bounds.x, 0) {
                cells[y * width + column] = Cell(character, style: style)
                if w == 2 { cells[y * width + column + 1] = Cell(Cell.continuation, style: style) }
            }
            column += w
        }
        return column
    }

    /// The buffer as lines of text (continuation cells left out, trailing spaces trimmed), for
    /// snapshot tests.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where cells[y * width + x].character != Cell.continuation {
                line.append(cells[y * width + x].character)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The text of the buffer, one line per row.
    public var text: String { lines.joined(separator: "\n") }
}
