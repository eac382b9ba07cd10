import ModelTopCore
import ModelTopText

/// Screen 3: one feature (or the prediction) of the model, reference against the selected
/// pane or the current window: histograms side by side, both CDFs with D marked, the tests.
struct FeatureScreen {
    let model: FeatureModel
    let context: RenderContext

    private var selectionTitle: String {
        switch model.selection {
        case .pane(let start, let end): "pane \(Format.clock(start))\(context.glyphs.dash)\(Format.clock(end))"
        case .window(let panes, let end): "current window (\(panes) panes to \(Format.clock(end)))"
        }
    }

    func render(in body: Rect, buffer: inout CellBuffer) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        let glyphs = context.glyphs
        var x = buffer.write(model.name, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        x = buffer.write("  " + [model.kind.rawValue, model.model, selectionTitle].joined(separator: glyphs.separator),
                         x: x, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        buffer.write("   w: \(model.drillWindow ? "the cursor's pane" : "the current window")   \(glyphs.leftRight) panes   \(glyphs.upDown) features   PgUp PgDn bins",
                     x: x, y: area.y, style: Style(foreground: .role(.header)), clip: area)
        x = area.x
        var y = area.y + 1
        for stat in model.stats {
            let w = DisplayWidth.of(stat.label) + DisplayWidth.of(stat.value) + 4
            if x + w > area.maxX {
                x = area.x
                y += 1
            }
            x = buffer.write(stat.label + " ", x: x, y: y, style: Style(foreground: .role(.dim)), clip: area)
            x = buffer.write(stat.value, x: x, y: y, style: style(stat.level), clip: area) + 3
        }
        if model.sampleDropped {
            buffer.write("this pane has left the window: its KS sample is gone (counts, PSI and the histogram remain); w shows the window",
                         x: area.x, y: y + 1, style: Style(foreground: .role(.warn)), clip: area)
        }
        let top = y + 2
        let rest = Rect(x: area.x, y: top, width: area.width, height: area.maxY - top)
        let bins = model.bins.map { Histogram.Bin(label: label($0.label), reference: $0.reference, current: $0.current) }
        guard let cdf = model.cdf else {
            histogram(bins, in: rest, buffer: &buffer)
            return
        }
        let sideBySide = rest.width >= 110
        let (left, right) = sideBySide ? rest.splitLeft(rest.width / 2) : rest.splitTop(rest.height / 2)
        histogram(bins, in: left, buffer: &buffer)
        let plotArea = sideBySide ? Rect(x: right.x + 2, y: right.y, width: right.width - 2, height: right.height)
            : Rect(x: right.x, y: right.y + 1, width: right.width, height: right.height - 1)
        let marks = CDFPlot.marks(context)
        buffer.write("empirical CDFs (\(marks.reference) ref \(marks.current) cur), D = \(Format.stat(cdf.statistic)) at \(cdf.location.map { Format.compact($0) } ?? "-")",
                     x: plotArea.x, y: plotArea.y, style: Style(foreground: .role(.header), bold: true), clip: plotArea)
        CDFPlot(reference: cdf.reference, current: cdf.current, location: cdf.location, axis: cdf.axis)
            .render(in: Rect(x: plotArea.x, y: plotArea.y + 1, width: plotArea.width, height: min(plotArea.height - 1, 20)),
                    buffer: &buffer, context: context)
    }

    /// Every bin, scrolled (PgUp/PgDn): the tail bin, where drift often is, is never cut.
    private func histogram(_ bins: [Histogram.Bin], in area: Rect, buffer: inout CellBuffer) {
        Histogram(bins: bins, firstBin: model.firstBin).render(in: area, buffer: &buffer, context: context)
        ScrollIndicator(first: model.firstBin, visible: max(area.height - 1, 0), total: bins.count)
            .render(at: area.maxX - 1, top: area.y + 1, bottom: area.maxY - 1, buffer: &buffer, context: context)
    }

    private func style(_ level: Severity?) -> Style {
        switch level {
        case .alert?: Style(foreground: .role(.alert), bold: true)
        case .warn?: Style(foreground: .role(.warn), bold: true)
        default: .plain
        }
    }

    private func label(_ label: FeatureModel.BinLabel) -> String {
        switch label {
        case .atMost(let upper): context.glyphs.atMost + Format.compact(upper)
        case .above(let lower): ">" + Format.compact(lower)
        case .upTo(let upper): Format.compact(upper)
        case .category(let name): name
        }
    }
}
