/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
    /// What the cell shows: one grapheme (with its combining marks). A wide character's second
    /// cell holds ``Cell/continuation``.
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    /// Marks the right half of a wide character.
    public static let continuation: Character = "\u{0}"

    public static let blank = Cell()
}
