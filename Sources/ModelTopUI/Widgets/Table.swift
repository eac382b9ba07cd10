/// Rows and columns with a header, column widths by content, a selected row and scrolling.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var width: Int
        public var rightAligned: Bool

        public init(_ title: String, width: Int, rightAligned: Bool = false) {
            self.title = title
            self.width = width
            self.rightAligned = rightAligned
        }
    }

    /// A cell: text and style, or a custom drawing (a sparkline, a badge).
    public enum Item: Sendable {
        case text(String, Style)
        case sparkline(Sparkline)

        public static func plain(_ s: String) -> Item { .text(s, .plain) }
    }

    public var columns: [Column]
    public var rows: [[Item]]
    public var selected: Int?
    public var headerStyle = Style(foreground: .role(.header), bold: true)

    public init(columns: [Column], rows: [[Item]], selected: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
    }

    /// The first row shown so that `selected` is visible in `height - 1` rows.
    public func firstRow(height: Int) -> Int {
        let visible = max(1, height - 1)
        guard let selected, selected >= visible else { return 0 }
        return min(selected - visible + 1, max(0, rows.count - visible))
    }

    /// The columns that fit `width` whole, from the first: a column is never drawn cut.
    public func fittingColumns(width: Int) -> Int {
        var used = 0
        for (i, column) in columns.enumerated() {
            used += column.width
            if used > width { return i }
            used += 1
        }
        return columns.count
    }

    public func render(in area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        guard area.height > 0 else { return }
        let columns = Array(self.columns.prefix(fittingColumns(width: area.width)))
        var x = area.x
        for column in columns {
            buffer.write(Text.pad(column.title, to: column.width, right: column.rightAligned, ellipsis: context.glyphs.ellipsis),
                         x: x, y: area.y, style: headerStyle, clip: area)
            x += column.width + 1
        }
        let first = firstRow(height: area.height)
        for screenRow in 0..<min(area.height - 1, max(0, rows.count - first)) {
            let index = first + screenRow
            let y = area.y + 1 + screenRow
            let isSelected = index == selected
            x = area.x
            for (c, column) in columns.enumerated() where c < rows[index].count {
                let cellArea = Rect(x: x, y: y, width: min(column.width, area.maxX - x), height: 1)
                switch rows[index][c] {
                case .text(let text, let style):
                    buffer.write(Text.pad(text, to: column.width, right: column.rightAligned, ellipsis: context.glyphs.ellipsis),
                                 x: x, y: y, style: style, clip: area)
                case .sparkline(let sparkline):
                    sparkline.render(in: cellArea, buffer: &buffer, context: context)
                }
                x += column.width + 1
            }
            if isSelected {
                let row = Rect(x: area.x, y: y, width: area.width, height: 1)
                for cx in row.x..<row.maxX {
                    var cell = buffer[cx, y]
                    if context.monochrome {
                        cell.style.reverse = true
                    } else {
                        cell.style.background = .role(.selectionBackground)
                        // Plain and dim text take the selection's own colour (the theme test checks the
                        // rest: status colours and sparklines over the selection background).
                        if [.default, .role(.text), .role(.dim)].contains(cell.style.foreground) {
                            cell.style.foreground = .role(.selectionForeground)
                        }
                    }
                    buffer[cx, y] = cell
                }
            }
        }
    }
}
