/// The dashboard's keys, as the help screen lists them.
public enum KeyMap {
    /// How the entries write the arrow keys and "leads to"; the help screen swaps in the glyphs.
    static let arrows = "↑ ↓ ← →"
    static let then = "→"

    public static let entries: [(keys: String, action: String)] = [
        ("↑ ↓ ← → / h j k l", "move the selection (rows, heatmap cells)"),
        ("Enter", "open: model → detail, heatmap cell → feature drill-down"),
        ("Esc  Backspace", "back"),
        ("Tab  Shift-Tab  ]  [", "next / previous model (in the detail and nodes views)"),
        ("s", "cycle the sort order (severity, name, throughput, drift)"),
        ("/", "filter models by name (Enter keeps it, Esc clears it)"),
        ("m", "heatmap metric: PSI or KS D"),
        ("w", "drill-down: the selected pane or the current window"),
        ("n", "nodes of the selected model"),
        ("e", "the last malformed lines"),
        ("i", "inputs: files and network sources, their counts, peers and rejections"),
        ("p", "pause the display (ingest goes on)"),
        ("b", "re-baseline the selected model to its current window (asks first)"),
        ("t", "next theme"),
        ("space  +  -  >", "replay: pause, faster, slower, skip 10 minutes"),
        ("?", "this help"),
        ("q", "quit"),
    ]
}
