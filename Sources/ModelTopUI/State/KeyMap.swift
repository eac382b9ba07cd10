/// The dashboard's keys, as the help screen (`?`, F1) lists them.
public enum KeyMap {
    /// How the entries write the arrow keys and "leads to"; the help screen swaps in the glyphs.
    static let arrows = "↑ ↓ ← →"
    static let then = "→"

    public static let entries: [(keys: String, action: String)] = [
        ("↑ ↓ ← → / h j k l", "move the selection (rows, heatmap cells)"),
        ("PgUp PgDn Home End", "page through lists and texts (help, malformed lines, alerts, nodes, the drill-down's bins)"),
        ("Enter", "open: model → detail, heatmap cell → feature drill-down, alert → its model and pane, malformed line → whole"),
        ("Esc  Backspace", "back (or clear the filter)"),
        ("Tab  Shift-Tab  ]  [", "next / previous model (in the detail, nodes and versions views)"),
        ("> <  s", "sort the overview by the next / previous column (or click a header)"),
        ("r", "reverse the sort"),
        ("/", "filter models (overview) or features (detail) by text or regular expression; Enter keeps it, Esc clears it"),
        ("n  N", "with a filter: next / previous match"),
        ("n", "nodes of the selected model"),
        ("N", "all serving nodes, across models"),
        ("v", "detail: the model's versions side by side, tested against the baseline (deploys are marked under the sparklines)"),
        ("a", "the alert timeline: every severity change, newest first"),
        ("m", "heatmap metric: PSI or KS D"),
        ("w", "drill-down: the selected pane or the current window"),
        ("e", "the last malformed lines"),
        ("i", "inputs: files, network sources and remote hosts, with their counts and errors"),
        ("p", "pause the display (ingest goes on)"),
        ("b", "re-baseline the selected model to its current window (asks first)"),
        ("t", "next theme (kept for the next run)"),
        ("space  +  -  f", "replay: pause, faster, slower, skip 10 minutes"),
        ("?  F1", "this help"),
        ("q  F10", "quit"),
    ]

    /// What the colours, glyphs and numbers mean.
    public static let notes = [
        "OK / WARN / ALERT: a feature's or the prediction's PSI >= 0.1 / >= 0.25, or accuracy 5 / 10 points below the "
            + "reference (configurable); REF n% and n=N: not judged yet (the reference is being collected, or too few values).",
        "The heatmap shows PSI (or KS D) of each pane against the model's reference; each level has its own glyph without "
            + "colour, ? marks too few values to judge, - a metric that does not apply (KS D of a categorical feature), blank no data.",
        "Event time drives the statistics: EV/S is events per second of event time, and the status bar's clock is the newest "
            + "event's time; the status bar's read/s counts events read per second of wall-clock time.",
        "~84.1%: accuracy estimated from calibrated scores while too few labels have joined (CBPE; assumes no concept drift).",
        "Choices (theme, sort) are kept in ~/.config/modeltop/config.toml.",
        "Outside the screen: --bell rings on a change to ALERT; --on-alert CMD gets every severity change as JSON on stdin.",
    ]
}
