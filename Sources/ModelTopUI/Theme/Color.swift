/// A colour as widgets name it: the terminal's default, a role of the theme, or a step of the
/// heatmap scale. The theme and the backend decide what it looks like.
public enum Color: Hashable, Sendable {
    case `default`
    case role(ThemeRole)
    /// Step `level` of `levels` of the theme's heatmap scale (0 = lowest).
    case heat(level: Int, of: Int)
}

/// The roles a theme gives colours to.
public enum ThemeRole: String, CaseIterable, Sendable {
    case text, dim, title, header, border, accent
    case selectionForeground = "selection_fg", selectionBackground = "selection_bg"
    case statusForeground = "status_fg", statusBackground = "status_bg"
    case ok, warn, alert
    case sparkline, reference, current, cursor
}

/// A concrete terminal colour: 24-bit, or an index of the 256-colour palette.
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)
    case indexed(UInt8)

    /// The nearest entry of the xterm 256-colour palette.
    public var paletteIndex: Int? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let i): return Int(i)
        case .rgb(let r, let g, let b):
            func cube(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
            let (cr, cg, cb) = (cube(r), cube(g), cube(b))
            let levels = [0, 95, 135, 175, 215, 255]
            let cubeColor = (levels[cr], levels[cg], levels[cb])
            let average = Double(Int(r) + Int(g) + Int(b)) / 3
            let grayLevel = max(0, min(23, Int(((average - 8) / 10).rounded())))
            let gray = 8 + 10 * grayLevel
            func distance(_ c: (Int, Int, Int)) -> Int {
                (c.0 - Int(r)) * (c.0 - Int(r)) + (c.1 - Int(g)) * (c.1 - Int(g)) + (c.2 - Int(b)) * (c.2 - Int(b))
            }
            return distance((gray, gray, gray)) < distance(cubeColor) ? 232 + grayLevel : 16 + 36 * cr + 6 * cg + cb
        }
    }

    /// The nearest of the 8 basic colours (black, red, green, yellow, blue, magenta, cyan,
    /// white): each channel is on when it is at least half the strongest one.
    public var basicIndex: Int? {
        guard let (r, g, b) = rgbValue else { return nil }
        let strongest = max(r, g, b)
        if strongest < 60 { return 0 }
        let on = { (c: Int) in c * 2 >= strongest ? 1 : 0 }
        return on(r) + 2 * on(g) + 4 * on(b)
    }

    /// The colour's RGB value (palette entries included).
    public var rgbValue: (Int, Int, Int)? {
        switch self {
        case .terminalDefault: return nil
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        case .indexed(let i):
            let i = Int(i)
            if i < 16 {
                let basic = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                             (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
                return basic[i]
            }
            if i >= 232 { let v = 8 + 10 * (i - 232); return (v, v, v) }
            let levels = [0, 95, 135, 175, 215, 255]
            let c = i - 16
            return (levels[c / 36], levels[c / 6 % 6], levels[c % 6])
        }
    }

    /// Parses `#rrggbb`, a palette index 0-255, or `default`.
    public init?(parsing text: String) {
        if text == "default" {
            self = .terminalDefault
            return
        }
        if let i = Int(text), (0...255).contains(i) {
            self = .indexed(UInt8(i))
            return
        }
        guard text.count == 7, text.first == "#", let v = UInt32(text.dropFirst(), radix: 16) else { return nil }
        self = .rgb(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
    }
}
