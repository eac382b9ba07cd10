/// The characters widgets draw with: Unicode blocks, or plain ASCII when the terminal's
/// character set is not UTF-8 (or `--ascii`).
public struct Glyphs: Sendable, Equatable {
    /// Sparkline levels, lowest first.
    public var sparkline: [Character]
    /// Heatmap cells by density, lowest first (used without colour); an empty cell (no data)
    /// is a space, so even the lowest level is visible.
    public var shades: [Character]
    /// The heatmap cell drawn in colour.
    public var heatCell: Character
    public var horizontal: Character
    public var vertical: Character
    public var bar: Character
    public var marker: Character
    public var up: Character
    public var down: Character
    public var ellipsis: String

    public static let unicode = Glyphs(
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], shades: ["·", "░", "▒", "▓", "█"], heatCell: "█",
        horizontal: "─", vertical: "│", bar: "█", marker: "┃", up: "▲", down: "▼", ellipsis: "…")

    public static let ascii = Glyphs(
        sparkline: ["_", ".", "-", "~", "=", "+", "*", "#"], shades: [".", ":", "+", "*", "#"], heatCell: "#",
        horizontal: "-", vertical: "|", bar: "#", marker: "|", up: "^", down: "v", ellipsis: "~")
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
}
