/// The shipped themes, compiled in (the same text as `themes/NAME.toml`, written by
/// scripts/embed-themes.py; a test keeps them equal), so an installed binary has them all: a
/// file of the same name in a theme directory, or `--theme PATH`, still takes precedence.
extension Theme {
    public static let builtIn: [String: String] = [
        "colorblind": #"""
            # For colour-vision deficiencies: the heatmap is viridis, whose lightness rises steadily, so
            # its order reads under deuteranopia, protanopia and in greyscale; statuses avoid red/green
            # pairs (ok is sky blue, warn orange, alert reddish purple, Okabe-Ito) and are also words.
            name = "colorblind"

            [colors]
            text = "default"
            dim = 245
            title = "#56b4e9"
            header = "#56b4e9"
            border = 240
            accent = "#f0e442"
            selection_fg = 231
            selection_bg = 17
            status_fg = 252
            status_bg = 236
            ok = "#56b4e9"
            warn = "#e69f00"
            alert = "#cc79a7"
            sparkline = "#f0e442"
            reference = "#0072b2"
            current = "#e69f00"
            cursor = 231

            [heatmap]
            scale = ["#440154", "#414487", "#2a788e", "#22a884", "#7ad151", "#fde725"]
            """#,
        "default": #"""
            # modeltop's default theme: for dark terminals. Colours are "#rrggbb", a 256-colour palette
            # index (0-255), or "default" (the terminal's own colour; the background always stays the
            # terminal's own unless a role sets one).
            name = "default"

            [colors]
            text = "default"
            dim = 245
            title = "#5fafff"
            header = "#87afd7"
            border = 240
            accent = "#5fd7ff"
            selection_fg = 231
            selection_bg = 17  # navy: the statuses and sparklines keep 4.5:1 (3:1) over it
            status_fg = 252
            status_bg = 236
            ok = "#5fd75f"
            warn = "#ffd700"
            alert = "#ff5f5f"
            sparkline = "#5fafd7"
            reference = 110
            current = 215
            cursor = 231

            [heatmap]
            # low to high PSI (or KS D)
            scale = ["#1c3a2a", "#2e6b3a", "#8a9a2a", "#d78700", "#d73a1e", "#ff005f"]
            """#,
        "high-contrast": #"""
            # Maximum contrast: pure colours, inverted bars.
            name = "high-contrast"

            [colors]
            text = 231
            dim = 250
            title = 231
            header = 226
            border = 231
            accent = 51
            selection_fg = 231
            selection_bg = 17
            status_fg = 16
            status_bg = 231
            ok = 46
            warn = 226
            alert = 203
            sparkline = 51
            reference = 51
            current = 226
            cursor = 231

            [heatmap]
            scale = ["#303030", "#0000ff", "#00ffff", "#ffff00", "#ff8700", "#ff0000"]
            """#,
        "light": #"""
            # For light terminal backgrounds.
            name = "light"

            [colors]
            text = "default"
            dim = 243
            title = "#005fd7"
            header = "#005f87"
            border = 250
            accent = "#0087af"
            selection_fg = 16
            selection_bg = 195
            status_fg = 235
            status_bg = 252
            ok = "#005f00"
            warn = "#875f00"
            alert = "#af0000"
            sparkline = "#005faf"
            reference = 25
            current = 166
            cursor = 16

            [heatmap]
            scale = ["#e4e4e4", "#ffd7af", "#ffaf5f", "#ff8700", "#d75f00", "#af0000"]
            """#,
    ]
}
