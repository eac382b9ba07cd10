import ModelTopText

/// Reference and current shares per bin (or category), as two columns of horizontal bars.
public struct Histogram: Sendable {
    public struct Bin: Sendable {
        public var label: String
        public var reference: Double
        public var current: Double

        public init(label: String, reference: Double, current: Double) {
            self.label = label
            self.reference = reference
            self.current = current
        }
    }

    public var bins: [Bin]
    /// First bin shown (scrolling).
    public var firstBin: Int

    public init(bins: [Bin], firstBin: Int = 0) {
        self.bins = bins
        self.firstBin = firstBin
    }

    /// Draws a header row ("reference", "current") and one row per bin.
    public func render(in area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        guard area.height > 1, area.width > 20 else { return }
        let labelWidth = min(max(bins.map { DisplayWidth.of($0.label) }.max() ?? 0, 5), area.width / 3)
        let half = (area.width - labelWidth - 2) / 2
        let barWidth = max(1, half - 7)
        let top = max(bins.map { max($0.reference, $0.current) }.max() ?? 0, 1e-12)
        let header = Style(foreground: .role(.header), bold: true)
        buffer.write("reference", x: area.x + labelWidth + 1, y: area.y, style: header, clip: area)
        buffer.write("current", x: area.x + labelWidth + 2 + half, y: area.y, style: header, clip: area)
        for (row, bin) in bins.dropFirst(firstBin).prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + row
            buffer.write(Text.pad(bin.label, to: labelWidth, right: true, ellipsis: context.glyphs.ellipsis),
                         x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
            for (side, share, role) in [(0, bin.reference, ThemeRole.reference), (1, bin.current, ThemeRole.current)] {
                let x = area.x + labelWidth + 1 + side * (half + 1)
                let length = Int((share / top * Double(barWidth)).rounded())
                let bar = String(repeating: String(context.glyphs.bar), count: length)
                buffer.write(bar, x: x, y: y, style: Style(foreground: .role(role)), clip: area)
                buffer.write(Text.pad(Format.percent(share), to: 6, right: true), x: x + barWidth + 1, y: y, clip: area)
            }
        }
    }
}
