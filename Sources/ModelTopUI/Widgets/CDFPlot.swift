import ModelTopText

/// The empirical CDFs of the reference and the current window on one plot, with the place
/// where they differ most (KS D) marked.
public struct CDFPlot: Sendable {
    /// Sorted values.
    public var reference: [Double]
    public var current: [Double]
    /// Where D is reached, if known.
    public var location: Double?

    public init(reference: [Double], current: [Double], location: Double?) {
        self.reference = reference
        self.current = current
        self.location = location
    }

    static func cdf(_ sorted: [Double], _ x: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return Double(low) / Double(sorted.count)
    }

    /// Draws the plot; the last row holds the axis range.
    public func render(in area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        guard area.height >= 4, area.width >= 10, let lo = [reference.first, current.first].compactMap({ $0 }).min(),
            let hi = [reference.last, current.last].compactMap({ $0 }).max()
        else {
            buffer.write("no numeric values to plot", x: area.x, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        let plot = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        let scale = LinearScale(low: lo, high: hi > lo ? hi : lo + 1)
        func column(_ v: Double) -> Int { scale.index(v, count: plot.width) }
        if let location {
            let x = plot.x + column(location)
            for y in plot.y..<plot.maxY { buffer[x, y] = Cell(context.glyphs.vertical, style: Style(foreground: .role(.accent))) }
        }
        let referenceMark: Character = context.glyphs == .ascii ? "." : "·"
        let currentMark: Character = context.glyphs == .ascii ? "o" : "•"
        for c in 0..<plot.width {
            let x = scale.value(at: Double(c) / Double(max(plot.width - 1, 1)))
            for (sample, mark, role) in [(reference, referenceMark, ThemeRole.reference), (current, currentMark, ThemeRole.current)]
            where !sample.isEmpty {
                let f = Self.cdf(sample, x)
                let y = plot.y + Int(((1 - f) * Double(plot.height - 1)).rounded())
                buffer[plot.x + c, y] = Cell(mark, style: Style(foreground: .role(role), bold: role == .current))
            }
        }
        let axis = Style(foreground: .role(.dim))
        let left = Format.compact(lo), right = Format.compact(hi)
        let leftEnd = buffer.write(left, x: area.x, y: area.maxY - 1, style: axis, clip: area)
        let rightStart = area.maxX - DisplayWidth.of(right)
        buffer.write(right, x: rightStart, y: area.maxY - 1, style: axis, clip: area)
        let legend = "\(referenceMark) reference  \(currentMark) current"
        let room = rightStart - leftEnd - 2
        if DisplayWidth.of(legend) <= room {
            buffer.write(legend, x: leftEnd + 1 + (room - DisplayWidth.of(legend)) / 2, y: area.maxY - 1, style: axis, clip: area)
        }
    }
}
