/// A one-row chart of a series in block characters, newest value at the right.
public struct Sparkline: Sendable {
    /// Oldest first; nil draws nothing (no data for that pane).
    public var values: [Double?]
    /// The value range mapped to the lowest and highest block; nil is 0 up to the largest value.
    public var range: ClosedRange<Double>?
    public var style: Style

    public init(values: [Double?], range: ClosedRange<Double>? = nil, style: Style = Style(foreground: .role(.sparkline))) {
        self.values = values
        self.range = range
        self.style = style
    }

    /// Draws the last `area.width` values in the first row of `area`.
    /// - Complexity: O(area.width).
    public func render(in area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        guard area.width > 0, area.height > 0 else { return }
        let shown = Array(values.suffix(area.width))
        let present = shown.compactMap { $0 }.filter(\.isFinite)
        let low = range?.lowerBound ?? min(0, present.min() ?? 0)
        let high = range?.upperBound ?? (present.max() ?? 0)
        let levels = context.glyphs.sparkline
        let offset = area.width - shown.count
        let scale = LinearScale(low: low, high: high)
        for (i, value) in shown.enumerated() {
            guard let value, value.isFinite else { continue }
            let level: Int
            if high <= low {
                level = value > 0 ? levels.count / 2 : 0
            } else {
                level = scale.index(value, count: levels.count, rounded: true)
            }
            buffer[area.x + offset + i, area.y] = Cell(levels[level], style: style)
        }
    }
}
