/// How a cell looks: a foreground and background role of the theme plus attributes. Roles
/// are resolved to colours by the terminal backend, so the same buffer draws in any theme.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(foreground: Color = .default, background: Color = .default, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's own colours.
    public static let plain = Style()
}
