import ModelTopText

/// Plain-text tables for reports printed to a terminal or a file.
public enum TextTable {
    /// `rows` as lines with columns padded to their widest cell (by display width); numeric
    /// columns (numbers, percentages, `~` estimates, `-` for none) are right-aligned, others
    /// left-aligned. The first row is the header.
    public static func render(_ rows: [[String]], separator: String = "  ") -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        var numeric = [Bool](repeating: true, count: columns)
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                widths[c] = max(widths[c], DisplayWidth.of(cell))
                if r > 0, !cell.isEmpty, cell != "-", Double(cell.filter { $0 != "%" && $0 != "~" }) == nil { numeric[c] = false }
            }
        }
        return rows.map { row in
            var line = ""
            for (c, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[c] - DisplayWidth.of(cell))
                if c > 0 { line += separator }
                line += numeric[c] ? pad + cell : (c == row.count - 1 ? cell : cell + pad)
            }
            return line
        }
    }
}
