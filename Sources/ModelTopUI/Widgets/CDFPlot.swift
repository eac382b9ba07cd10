import Foundation
import ModelTopCore
import ModelTopText

/// The empirical CDFs of the reference and the current window on one plot, y from 0 to 1
/// with ticks, the x axis in quantiles of both samples (or logarithmic for positive, skewed
/// values), and D marked by a short bar between the two curves where they differ most.
public struct CDFPlot: Sendable {
    /// The x axis: what each column stands for.
    public struct Axis: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// Equal steps of the pooled samples' quantiles: each column holds about as many values.
            case quantile
            /// Equal steps of log(x), for positive values spread over orders of magnitude.
            case log
        }

        public var kind: Kind
        /// The x value at 257 equally spaced points of the axis, first to last.
        public var points: [Double]

        /// The axis for two sorted samples: logarithmic when every value is positive and they
        /// spread over three orders of magnitude (or their p99 is 20 times their median),
        /// else in quantiles.
        /// - Complexity: O((n + m) log(n + m)), once per drill-down.
        public init(_ reference: [Double], _ current: [Double]) {
            let pooled = (reference + current).sorted()
            guard let lo = pooled.first, let hi = pooled.last else {
                kind = .quantile
                points = []
                return
            }
            let median = pooled[pooled.count / 2], p99 = pooled[min(pooled.count - 1, pooled.count * 99 / 100)]
            if lo > 0, hi / lo >= 1000 || p99 / median >= 20 {
                kind = .log
                let (a, b) = (Foundation.log(lo), Foundation.log(hi))
                points = (0...256).map { exp(a + (b - a) * Double($0) / 256) }
            } else {
                kind = .quantile
                points = (0...256).map { pooled[min(pooled.count - 1, Int((Double($0) / 256 * Double(pooled.count - 1)).rounded()))] }
            }
        }

        /// The x value of column `c` of `width`.
        func value(column c: Int, width: Int) -> Double {
            let i = width <= 1 ? 0 : Int((Double(c) / Double(width - 1) * 256).rounded())
            return points[min(max(i, 0), points.count - 1)]
        }

        /// The column of value `x`: the first whose value reaches it.
        func column(_ x: Double, width: Int) -> Int {
            (0..<width).first { value(column: $0, width: width) >= x } ?? max(width - 1, 0)
        }
    }

    /// Sorted values.
    public var reference: [Double]
    public var current: [Double]
    /// Where D is reached, if known.
    public var location: Double?
    public var axis: Axis

    public init(reference: [Double], current: [Double], location: Double?, axis: Axis) {
        self.reference = reference
        self.current = current
        self.location = location
        self.axis = axis
    }

    static func cdf(_ sorted: [Double], _ x: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return Double(sorted.countAtOrBelow(x)) / Double(sorted.count)
    }

    /// The marks of the two curves (the caller's title names them).
    public static func marks(_ context: RenderContext) -> (reference: Character, current: Character) {
        context.ascii ? (".", "o") : ("·", "•")
    }

    /// Draws the plot: y ticks on the left, the axis' range and kind on the last row.
    public func render(in area: Rect, buffer: inout CellBuffer, context: RenderContext) {
        guard area.height >= 4, area.width >= 14, !axis.points.isEmpty else {
            buffer.write("no numeric values to plot", x: area.x, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
            return
        }
        let dim = Style(foreground: .role(.dim))
        let plot = Rect(x: area.x + 4, y: area.y, width: area.width - 4, height: area.height - 1)
        func row(_ f: Double) -> Int { plot.y + Int(((1 - f) * Double(plot.height - 1)).rounded()) }
        // y ticks: 1, 0.5, 0.
        for (f, label) in [(1.0, "1"), (0.5, ".5"), (0.0, "0")] {
            buffer.write(Text.pad(label, to: 2, right: true), x: area.x, y: row(f), style: dim, clip: area)
            buffer[area.x + 3, row(f)] = Cell(context.glyphs.vertical, style: dim)
        }
        let (referenceMark, currentMark) = Self.marks(context)
        for c in 0..<plot.width {
            let x = axis.value(column: c, width: plot.width)
            for (sample, mark, role) in [(reference, referenceMark, ThemeRole.reference), (current, currentMark, ThemeRole.current)]
            where !sample.isEmpty {
                buffer[plot.x + c, row(Self.cdf(sample, x))] = Cell(mark, style: Style(foreground: .role(role), bold: role == .current))
            }
        }
        // D: a bar between the two curves at its place, not over the whole plot.
        if let location, !reference.isEmpty, !current.isEmpty {
            let c = axis.column(location, width: plot.width)
            let (a, b) = (row(Self.cdf(reference, location)), row(Self.cdf(current, location)))
            for y in min(a, b)...max(a, b) where y != a && y != b {
                buffer[plot.x + c, y] = Cell(context.glyphs.vertical, style: Style(foreground: .role(.accent), bold: true))
            }
        }
        // The axis row: first value, the axis' kind, the middle value where it fits, last value.
        let y = area.maxY - 1
        let left = Format.compact(axis.points.first), middle = Format.compact(axis.points[axis.points.count / 2])
        let right = Format.compact(axis.points.last)
        let rightX = area.maxX - DisplayWidth.of(right)
        var x = buffer.write(left, x: plot.x, y: y, style: dim, clip: area)
        let kind = " x: " + (axis.kind == .log ? "log scale" : "quantiles")
        if x + DisplayWidth.of(kind) < rightX { x = buffer.write(kind, x: x, y: y, style: dim, clip: area) }
        let middleX = plot.x + plot.width / 2 - DisplayWidth.of(middle) / 2
        if middleX > x + 1 && middleX + DisplayWidth.of(middle) < rightX - 1 {
            buffer.write(middle, x: middleX, y: y, style: dim, clip: area)
        }
        buffer.write(right, x: rightX, y: y, style: dim, clip: area)
    }
}
