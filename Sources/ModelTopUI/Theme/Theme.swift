/// Colours for the UI roles and the heatmap scale.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var colors: [ThemeRole: TerminalColor]
    /// The heatmap scale from low to high (at least two colours).
    public var heatmap: [TerminalColor]

    public init(name: String, colors: [ThemeRole: TerminalColor], heatmap: [TerminalColor]) {
        self.name = name
        self.colors = colors
        self.heatmap = heatmap
    }

    /// The colour of `role`.
    public func color(_ role: ThemeRole) -> TerminalColor {
        colors[role] ?? Theme.default.colors[role] ?? .terminalDefault
    }

    /// The terminal colour `color` stands for.
    public func resolve(_ color: Color) -> TerminalColor {
        switch color {
        case .default: .terminalDefault
        case .role(let role): self.color(role)
        case .heat(let level, let levels): heatmap[Self.scaleIndex(level: level, levels: levels, scale: heatmap.count)]
        }
    }

    static func scaleIndex(level: Int, levels: Int, scale: Int) -> Int {
        guard levels > 1, scale > 1 else { return 0 }
        return min(scale - 1, max(0, (level * (scale - 1) + (levels - 1) / 2) / (levels - 1)))
    }

    /// The built-in dark theme, used when no theme file is found and for keys a file lacks.
    public static let `default` = Theme(
        name: "default",
        colors: [
            .text: .terminalDefault, .dim: .indexed(245), .title: .rgb(0x5f, 0xaf, 0xff), .header: .rgb(0x87, 0xaf, 0xd7),
            .border: .indexed(240), .accent: .rgb(0x5f, 0xd7, 0xff),
            .selectionForeground: .indexed(231), .selectionBackground: .indexed(17),
            .statusForeground: .indexed(252), .statusBackground: .indexed(236),
            .ok: .rgb(0x5f, 0xd7, 0x5f), .warn: .rgb(0xff, 0xd7, 0x00), .alert: .rgb(0xff, 0x5f, 0x5f),
            .sparkline: .rgb(0x5f, 0xaf, 0xd7), .reference: .indexed(110), .current: .indexed(215), .cursor: .indexed(231),
        ],
        heatmap: [.rgb(0x1c, 0x3a, 0x2a), .rgb(0x2e, 0x6b, 0x3a), .rgb(0x8a, 0x9a, 0x2a), .rgb(0xd7, 0x87, 0x00),
                  .rgb(0xd7, 0x3a, 0x1e), .rgb(0xff, 0x00, 0x5f)]
    )
}
