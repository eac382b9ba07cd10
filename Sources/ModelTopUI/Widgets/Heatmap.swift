/// A grid of coloured cells: rows are features (and the prediction), columns are panes,
/// newest at the right. Without colour, the cell's character shows the level by density. A
/// cell with too few values shows ``Glyphs/tooFew``; a column still filling can be dimmed.
public struct Heatmap: Sendable {
    public struct Row: Sendable {
        public var label: String
        /// One cell per column.
        public var values: [HeatCell]
        public var labelStyle: Style

        public init(label: String, values: [HeatCell], labelStyle: Style = .plain) {
            self.label = label
            self.values = values
            self.labelStyle = labelStyle
        }

        /// A row of plain values (nil: no data).
        public init(label: String, values: [Double?], labelStyle: Style = .plain) {
            self.init(label: label, values: values.map { $0.map(HeatCell.value) ?? .empty }, labelStyle: labelStyle)
        }
    }

    public var rows: [Row]
    /// Level boundaries: a value below `thresholds[0]` is level 0, and so on; there are
    /// `thresholds.count + 1` levels.
    public var thresholds: [Double]
    public var labelWidth: Int
    /// The selected (row, column), highlighted.
    public var cursor: (row: Int, column: Int)?
    /// First row shown (scrolling).
    public var firstRow: Int
    /// A column (index into the rows' values) drawn dim: the pane still in progress.
    public var dimmedColumn: Int?
    /// The levels at the warn and alert thresholds: without colour, cells from the warn level
    /// up are bold, from the alert level up reversed.
    public var warnLevel: Int?
    public var alertLevel: Int?

    public init(rows: [Row], thresholds: [Double], labelWidth: Int, cursor: (row: Int, column: Int)? = nil, firstRow: Int = 0,
                dimmedColumn: Int? = nil, warnLevel: Int? = nil, alertLevel: Int? = nil) {
        self.rows = rows
        self.thresholds = thresholds
        self.labelWidth = labelWidth
        self.cursor = cursor
        self.firstRow = firstRow
        self.dimmedColumn = dimmedColumn
        self.warnLevel = warnLevel
        self.alertLevel = alertLevel
    }

    /// The level of `value`.
    public func level(_ value: Double) -> Int {
        thresholds.firstIndex { value < $0 } ?? thresholds.count
    }

    /// Columns drawn for `width` cells of area.
    public func columns(width: Int) -> Int { max(0, width - labelWidth - 1) }

    /// The cell that shows `value` at its level.
    func cell(_ value: HeatCell, context: RenderContext) -> Cell {
        switch value {
        case .empty:
            return Cell(" ")
        case .tooFew:
            return Cell(context.glyphs.tooFew, style: Style(foreground: .role(.dim)))
        case .notApplicable:
            return Cell(context.glyphs.notApplicable, style: Style(foreground: .role(.dim)))
        case .value(let v) where !v.isFinite:
            return Cell(" ")
        case .value(let v):
            let l = level(v), levels = thresholds.count + 1
            let shades = context.glyphs.shades
            let shade = shades[min(shades.count - 1, Theme.scaleIndex(level: l, levels: levels, scale: shades.count))]
            if context.monochrome {
                return Cell(shade, style: Style(bold: warnLevel.map { l >= $0 } ?? false, reverse: alertLevel.map { l >= $0 } ?? false))
            }
            return Cell(context.glyphs.heatCell ?? shade, style: Style(foreground: .heat(level: l, of: levels)))
        }
    }

    /// - Complexity: O(area.width · area.height).
    public func render(in area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        let columnCount = columns(width: area.width)
        for screenRow in 0..<min(area.height, max(0, rows.count - firstRow)) {
            let index = firstRow + screenRow
            let row = rows[index]
            let y = area.y + screenRow
            let selectedRow = cursor?.row == index
            let label = Text.truncate(row.label, to: labelWidth, ellipsis: context.glyphs.ellipsis)
            var labelStyle = row.labelStyle
            if selectedRow { labelStyle.bold = true }
            buffer.write(label, x: area.x, y: y, style: labelStyle, clip: area)
            let values = Array(row.values.suffix(columnCount))
            let x0 = area.x + labelWidth + 1 + columnCount - values.count
            for (i, value) in values.enumerated() {
                let column = row.values.count - values.count + i
                var cell = self.cell(value, context: context)
                if column == dimmedColumn { cell.style.dim = true }
                if selectedRow && cursor?.column == column {
                    cell.style.reverse = true
                    if cell.character == " " { cell.character = context.glyphs.marker }
                }
                buffer[x0 + i, y] = cell
            }
        }
    }
}
