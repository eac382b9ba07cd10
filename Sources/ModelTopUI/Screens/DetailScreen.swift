import Foundation
import ModelTopCore
import ModelTopIngest

/// Where the detail screen puts its heatmap, shared by drawing and mouse hit-testing.
struct DetailGeometry {
    let area: Rect
    let labelWidth: Int
    let sparklineTop: Int
    let heatmapTop: Int
    let heatmapHeight: Int
    let columns: Int
    let firstRow: Int
    let slots: [(slot: Int, name: String)]

    init?(_ state: DashboardState) {
        guard let model = state.model else { return nil }
        let body = ScreenLayout(state).body
        area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        slots = state.heatmapSlots(model)
        labelWidth = min(24, max(18, (slots.map { DisplayWidth.of($0.name) }.max() ?? 0) + 1))
        sparklineTop = area.y + 3
        heatmapTop = sparklineTop + 5
        heatmapHeight = max(1, area.maxY - heatmapTop - 2)
        columns = min(state.shown.configuration.panes, max(0, area.width - labelWidth - 1))
        let cursor = min(state.cursorRow, max(slots.count - 1, 0))
        firstRow = cursor < heatmapHeight ? 0 : cursor - heatmapHeight + 1
    }
}

enum DetailLayout {
    /// The heatmap cell (row, panes back from the newest) at a screen position.
    static func cell(at x: Int, y: Int, state: DashboardState) -> (Int, Int)? {
        guard let g = DetailGeometry(state) else { return nil }
        let row = g.firstRow + y - g.heatmapTop
        let right = g.area.x + g.labelWidth + 1 + g.columns - 1
        guard y >= g.heatmapTop, y < g.heatmapTop + g.heatmapHeight, row < g.slots.count, x <= right,
            x > g.area.x + g.labelWidth
        else { return nil }
        return (row, right - x)
    }
}

/// Screen 2: one model's numbers, sparklines over the pane history, and the drift heatmap.
struct DetailScreen {
    let state: DashboardState
    let context: RenderContext

    static let psiThresholds = [0.02, 0.05, 0.1, 0.175, 0.25]
    static let ksThresholds = [0.02, 0.05, 0.1, 0.2, 0.3]

    func render(buffer: inout CellBuffer) {
        guard let g = DetailGeometry(state), let model = state.model else { return }
        let monitor = state.shown
        let symbols = monitor.symbols
        guard let snapshot = state.cache.snapshot(model.name, monitor, frozen: state.paused) else { return }
        let area = g.area
        // Title and numbers.
        var x = buffer.write(Text.clean(symbols.name(model.name)), x: area.x, y: area.y,
                             style: Style(foreground: .role(.title), bold: true), clip: area)
        let badge = Badge(snapshot.severity)
        x = buffer.write(" " + badge.text + " ", x: x + 1, y: area.y, style: badge.style, clip: area)
        buffer.write(snapshot.reasons.prefix(2).joined(separator: "; "), x: x + 1, y: area.y, style: Style(foreground: .role(.dim)),
                     clip: area)
        buffer.write(infoLine(snapshot, model: model), x: area.x, y: area.y + 1, style: .plain, clip: area)
        buffer.write(outcomeLine(snapshot), x: area.x, y: area.y + 2, style: .plain, clip: area)

        // Sparklines over the pane history, aligned with the heatmap's columns.
        let history = ViewCache.history(monitor).suffix(g.columns)
        let summaries = history.map { state.cache.summary(model, pane: $0, withKS: state.metric == .ks) }
        let seconds = monitor.configuration.paneSeconds
        let lines: [(String, [Double?], ClosedRange<Double>?)] = [
            ("throughput \(Text.compact(snapshot.throughput))/s",
             ViewCache.throughput(history: Array(history), summaries: summaries, model: model), nil),
            ("accuracy \(Text.percent(snapshot.accuracy))", summaries.map { $0?.accuracy }, 0...1),
            ("p99 \(Text.milliseconds(snapshot.merged.latency.quantile(0.99)))", summaries.map { $0?.p99 }, nil),
            ("max PSI \(Text.stat(snapshot.worstFeature?.drift.psi))", summaries.map { $0?.maxPSI }, nil),
        ]
        for (i, (label, values, range)) in lines.enumerated() {
            let y = g.sparklineTop + i
            buffer.write(Text.pad(label, to: g.labelWidth), x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
            Sparkline(values: values, range: range)
                .render(in: Rect(x: area.x + g.labelWidth + 1, y: y, width: g.columns, height: 1), buffer: &buffer, context: context)
        }

        // The heatmap.
        let metricName = state.metric.rawValue
        buffer.write("drift by pane: \(metricName) (m: \(state.metric == .psi ? "KS D" : "PSI"))   newest right, "
                     + "\(Text.age(seconds)) panes   Enter: feature   n: nodes   Tab: next model",
                     x: area.x, y: g.heatmapTop - 1, style: Style(foreground: .role(.header)), clip: area)
        let thresholds = state.metric == .psi ? Self.psiThresholds : Self.ksThresholds
        let rows = g.slots.map { slot, name -> Heatmap.Row in
            let values = summaries.map { s -> Double? in
                guard let s else { return nil }
                return state.metric == .psi ? s.psi[slot] : s.ks?[slot]
            }
            return Heatmap.Row(label: name, values: values, labelStyle: slot == -1 ? Style(foreground: .role(.accent)) : .plain)
        }
        let cursorColumn = summaries.count - 1 - state.cursorPaneBack
        Heatmap(rows: rows, thresholds: thresholds, labelWidth: g.labelWidth, cursor: (state.cursorRow, cursorColumn),
                firstRow: g.firstRow)
            .render(in: Rect(x: area.x, y: g.heatmapTop, width: g.labelWidth + 1 + g.columns, height: g.heatmapHeight),
                    buffer: &buffer, context: context)
        legend(thresholds: thresholds, y: area.maxY - 2, area: area, buffer: &buffer)
        footer(rows: rows, slots: g.slots, summaries: summaries, history: Array(history), y: area.maxY - 1, area: area,
               buffer: &buffer)
    }

    private func infoLine(_ s: ModelSnapshot, model: ModelMonitor) -> String {
        let symbols = state.shown.symbols
        let versions = s.merged.versions.pairs.sorted { $0.value > $1.value }.map { Text.clean(symbols.name($0.key)) }
        let reference: String
        switch model.reference?.source {
        case .file?: reference = "reference file (\(model.reference!.predictions))"
        case .firstPredictions(let n)?: reference = "reference: first \(n) predictions"
        case .window?: reference = "re-baselined (\(model.reference!.predictions))"
        case nil: reference = "collecting reference (\(model.totals.predictions)/\(model.configuration.referenceSize))"
        }
        var parts = [reference, "window \(Text.age(Double(state.shown.configuration.window) * state.shown.configuration.paneSeconds))",
                     "\(s.merged.predictions) predictions", "\(s.nodes.count) nodes"]
        if !versions.isEmpty { parts.insert("version " + versions.prefix(3).joined(separator: ", "), at: 0) }
        return parts.joined(separator: " · ")
    }

    private func outcomeLine(_ s: ModelSnapshot) -> String {
        let o = s.merged.outcomes
        var parts = ["labels \(o.joined)"]
        if o.isRegression {
            parts.append("MAE \(Text.compact(o.meanAbsoluteError))")
            parts.append("RMSE \(Text.compact(o.rootMeanSquaredError))")
        } else {
            parts.append("accuracy \(Text.percent(o.accuracy)) (reference \(Text.percent(s.referenceAccuracy)))")
            if o.binaryPairs > 0 {
                parts.append("precision \(Text.stat(o.precision))")
                parts.append("recall \(Text.stat(o.recall))")
                parts.append("F1 \(Text.stat(o.f1))")
                if let auc = o.rocAUC { parts.append("AUC \(Text.stat(auc))") }
            }
        }
        parts.append("p50/p99 \(Text.milliseconds(s.merged.latency.quantile(0.5)))/\(Text.milliseconds(s.merged.latency.quantile(0.99)))")
        if s.unmatchedLabels > 0 { parts.append("\(s.unmatchedLabels) unmatched labels") }
        return parts.joined(separator: " · ")
    }

    private func legend(thresholds: [Double], y: Int, area: Rect, buffer: inout CellBuffer) {
        var x = buffer.write("legend ", x: area.x, y: y, style: Style(foreground: .role(.dim)), clip: area)
        let levels = thresholds.count + 1
        for level in 0..<levels {
            let heatmap = Heatmap(rows: [Heatmap.Row(label: "", values: [level == 0 ? 0 : thresholds[level - 1]])],
                                  thresholds: thresholds, labelWidth: 0)
            heatmap.render(in: Rect(x: x - 1, y: y, width: 2, height: 1), buffer: &buffer, context: context)
            let label = level == 0 ? "<\(NumberFormatting.shortest(thresholds[0]))" : "≥\(NumberFormatting.shortest(thresholds[level - 1]))"
            x = buffer.write(context.glyphs == .ascii ? label.replacingOccurrences(of: "≥", with: ">=") : label,
                             x: x + 1, y: y, style: Style(foreground: .role(.dim)), clip: area) + 2
        }
        buffer.write("blank: no data", x: x, y: y, style: Style(foreground: .role(.dim)), clip: area)
    }

    private func footer(rows: [Heatmap.Row], slots: [(slot: Int, name: String)], summaries: [PaneSummary?], history: [Int],
                        y: Int, area: Rect, buffer: inout CellBuffer) {
        let row = min(state.cursorRow, rows.count - 1)
        let column = summaries.count - 1 - state.cursorPaneBack
        guard row >= 0, column >= 0, column < history.count else { return }
        let pane = history[column]
        let start = Double(pane) * state.shown.configuration.paneSeconds
        let slot = slots[row].slot
        let psi = summaries[column]?.psi[slot]
        let ks = summaries[column]?.ks?[slot]
        var text = "▸ \(rows[row].label) at \(clockText(start))  PSI \(Text.stat(psi))"
        if let ks { text += "  KS D \(Text.stat(ks))" }
        text += "  predictions \(summaries[column]?.predictions ?? 0)"
        buffer.write(context.glyphs == .ascii ? text.replacingOccurrences(of: "▸", with: ">") : text, x: area.x, y: y,
                     style: Style(foreground: .role(.accent)), clip: area)
    }
}

/// An event time as `HH:MM:SS` (UTC), or with the date when `full`.
func clockText(_ t: Double, full: Bool = false) -> String {
    let text = RFC3339.string(fromSeconds: t)
    return full ? text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        : String(text.dropFirst(11).prefix(8))
}
