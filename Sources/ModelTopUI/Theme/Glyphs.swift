/// The characters widgets and screens draw with: Unicode, or plain ASCII when the terminal's
/// character set is not UTF-8 (or `--ascii`).
public struct Glyphs: Sendable, Equatable {
    /// Sparkline levels, lowest first.
    public var sparkline: [Character]
    /// Heatmap cells by density, lowest first (used without colour): one per level of the
    /// heatmap's six, so every threshold reads; an empty cell (no data) is a space, so even the
    /// lowest level is visible.
    public var shades: [Character]
    /// The heatmap cell drawn in colour; `nil`: the level's shade, in colour too (ASCII, where
    /// one character per level keeps the levels apart on any terminal).
    public var heatCell: Character?
    public var horizontal: Character
    public var vertical: Character
    public var bar: Character
    public var marker: Character
    public var up: Character
    public var down: Character
    public var ellipsis: String
    /// Marks the prediction's row and the heatmap cursor's cell in text (`▸`).
    public var pointer: String
    /// Between phrases on one line (` · `).
    public var separator: String
    /// Between the parts of the breadcrumb (` › `).
    public var crumb: String
    /// Between the parts of the status bar (` │ `).
    public var statusSeparator: String
    /// A range's dash (`–`).
    public var dash: String
    /// A speed factor's sign (`×`).
    public var times: String
    public var atMost: String
    public var atLeast: String
    /// The arrow keys, as the help and footers name them.
    public var leftRight: String
    public var upDown: String
    public var arrows: String
    /// "Leads to" (`→`).
    public var then: String
    /// A heatmap cell with too few values to judge.
    public var tooFew: Character
    /// A heatmap cell whose metric does not apply (KS D of a categorical feature).
    public var notApplicable: Character = "-"

    public static let unicode = Glyphs(
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], shades: ["·", ":", "░", "▒", "▓", "█"], heatCell: "█",
        horizontal: "─", vertical: "│", bar: "█", marker: "┃", up: "▲", down: "▼", ellipsis: "…", pointer: "▸",
        separator: " · ", crumb: " › ", statusSeparator: " │ ", dash: "–", times: "×", atMost: "≤", atLeast: "≥",
        leftRight: "← →", upDown: "↑ ↓", arrows: "↑ ↓ ← →", then: "→", tooFew: "?")

    public static let ascii = Glyphs(
        sparkline: ["_", ".", "-", "~", "=", "+", "*", "#"], shades: [".", ":", "+", "*", "%", "#"], heatCell: nil,
        horizontal: "-", vertical: "|", bar: "#", marker: "|", up: "^", down: "v", ellipsis: "~", pointer: ">",
        separator: " - ", crumb: " > ", statusSeparator: " | ", dash: "-", times: "x", atMost: "<=", atLeast: ">=",
        leftRight: "h l", upDown: "j k", arrows: "arrows", then: "->", tooFew: "?")
}

/// What widgets need to know about the terminal besides the area they draw in.
public struct RenderContext: Sendable, Equatable {
    public var glyphs: Glyphs
    /// No colours: meaning must come from characters and attributes (bold, reverse).
    public var monochrome: Bool

    public init(glyphs: Glyphs = .unicode, monochrome: Bool = false) {
        self.glyphs = glyphs
        self.monochrome = monochrome
    }

    /// True when only ASCII may be drawn.
    public var ascii: Bool { glyphs == .ascii }
}
