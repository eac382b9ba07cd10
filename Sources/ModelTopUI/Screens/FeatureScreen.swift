import ModelTopCore

/// Screen 3: one feature (or the prediction) of the model, reference against the selected
/// pane or the current window: histograms side by side, both CDFs with D marked, the tests.
struct FeatureScreen {
    let state: DashboardState
    let context: RenderContext

    /// The values compared: the window of one pane or of the current window.
    private struct Selection {
        var title: String
        var window: FeatureWindow?
        var predictions: Int
        var reference: FeatureReference?
        var sampleDropped: Bool
    }

    private func selection(model: ModelMonitor, slot: Int, name: String) -> Selection? {
        let monitor = state.shown
        let reference: FeatureReference? = slot == -1 ? model.reference?.prediction
            : (slot < model.references.count ? model.references[slot] : nil)
        let usesScore = model.reference?.usesScore ?? false
        func pick(_ pane: ModelPane) -> FeatureWindow? {
            slot == -1 ? pane.predictionWindow(usesScore: usesScore) : (slot < pane.features.count ? pane.features[slot] : nil)
        }
        if state.drillWindow {
            guard let window = monitor.windowRange() else { return nil }
            var merged = ModelPane(sampleLimit: monitor.configuration.sampleLimit, seed: 0)
            for (_, pane) in model.panes.panes(in: window) { merged.merge(pane) }
            return Selection(title: "current window (\(window.count) panes to \(clockText(Double(window.upperBound + 1) * monitor.configuration.paneSeconds)))",
                             window: pick(merged), predictions: merged.predictions, reference: reference, sampleDropped: false)
        }
        let history = ViewCache.history(monitor)
        let index = history.count - 1 - state.cursorPaneBack
        guard index >= 0 else { return nil }
        let number = history[index]
        let start = Double(number) * monitor.configuration.paneSeconds
        let title = "pane \(clockText(start))–\(clockText(start + monitor.configuration.paneSeconds))"
        guard let pane = model.panes.pane(number) else {
            return Selection(title: title, window: nil, predictions: 0, reference: reference, sampleDropped: false)
        }
        return Selection(title: title, window: pick(pane), predictions: pane.predictions, reference: reference,
                         sampleDropped: pane.sealed != nil)
    }

    func render(buffer: inout CellBuffer) {
        let body = ScreenLayout(state).body
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        guard let model = state.model, let g = DetailGeometry(state), !g.slots.isEmpty else { return }
        let (slot, name) = g.slots[min(state.cursorRow, g.slots.count - 1)]
        guard let selection = selection(model: model, slot: slot, name: name) else { return }
        let symbols = state.shown.symbols
        let empty = FeatureWindow(configuration: .init(kind: nil, edges: nil, sampleLimit: nil, maxCategories: .max, seed: 0))
        let window = selection.window ?? empty
        let drift = FeatureDrift(window: window, predictions: selection.predictions, reference: selection.reference)
        var x = buffer.write(name, x: area.x, y: area.y, style: Style(foreground: .role(.title), bold: true), clip: area)
        x = buffer.write("  \(drift.kind.rawValue) · \(Text.clean(symbols.name(model.name))) · \(selection.title)",
                         x: x, y: area.y, style: Style(foreground: .role(.dim)), clip: area)
        buffer.write("   w: \(state.drillWindow ? "the cursor's pane" : "the current window")   ← → panes   ↑ ↓ features",
                     x: x, y: area.y, style: Style(foreground: .role(.header)), clip: area)
        let thresholds = state.shown.configuration.thresholds
        var stats: [(String, String, Style)] = [("PSI", Text.stat(drift.psi), psiStyle(drift.psi, thresholds))]
        if drift.kind == .numeric {
            stats.append(("KS D", Text.stat(drift.ks?.statistic), .plain))
            stats.append(("p", Text.pValue(drift.ks?.pvalue), .plain))
        } else {
            stats.append(("chi²", Text.stat(drift.chiSquare?.statistic), .plain))
            stats.append(("p", Text.pValue(drift.chiSquare?.pvalue), .plain))
        }
        stats.append(("missing", Text.percent(drift.missingRate), .plain))
        if drift.kind == .numeric {
            let m = drift.currentMoments
            stats.append(("mean", m.count > 0 ? Text.compact(m.mean) : "-", .plain))
            stats.append(("std", Text.compact(m.standardDeviation), .plain))
            if let r = selection.reference, r.moments.count > 0 {
                stats.append(("ref mean", Text.compact(r.moments.mean), .plain))
                stats.append(("ref std", Text.compact(r.moments.standardDeviation), .plain))
            }
        }
        stats.append(("n", "\(drift.currentCount) vs \(drift.referenceCount) ref", .plain))
        x = area.x
        var y = area.y + 1
        for (label, value, style) in stats {
            let w = DisplayWidth.of(label) + DisplayWidth.of(value) + 4
            if x + w > area.maxX {
                x = area.x
                y += 1
            }
            x = buffer.write(label + " ", x: x, y: y, style: Style(foreground: .role(.dim)), clip: area)
            x = buffer.write(value, x: x, y: y, style: style, clip: area) + 3
        }
        if selection.sampleDropped {
            buffer.write("this pane has left the window: its KS sample is gone (counts, PSI and the histogram remain); w shows the window",
                         x: area.x, y: y + 1, style: Style(foreground: .role(.warn)), clip: area)
        }
        let top = y + 2
        let rest = Rect(x: area.x, y: top, width: area.width, height: area.maxY - top)
        let bins = drift.bins.map { Histogram.Bin(label: label($0.label), reference: $0.reference, current: $0.current) }
        if drift.kind == .numeric {
            let sideBySide = rest.width >= 110
            let (left, right) = sideBySide ? rest.splitLeft(rest.width / 2) : rest.splitTop(min(bins.count + 1, rest.height / 2))
            Histogram(bins: bins).render(in: left, buffer: &buffer, context: context)
            let plotArea = sideBySide ? Rect(x: right.x + 2, y: right.y, width: right.width - 2, height: right.height)
                : Rect(x: right.x, y: right.y + 1, width: right.width, height: right.height - 1)
            buffer.write("empirical CDFs, D = \(Text.stat(drift.ks?.statistic)) at \(drift.ks.map { Text.compact($0.location) } ?? "-")",
                         x: plotArea.x, y: plotArea.y, style: Style(foreground: .role(.header), bold: true), clip: plotArea)
            CDFPlot(reference: selection.reference?.sorted ?? [], current: window.sortedSample().values, location: drift.ks?.location)
                .render(in: Rect(x: plotArea.x, y: plotArea.y + 1, width: plotArea.width, height: min(plotArea.height - 1, 20)),
                        buffer: &buffer, context: context)
        } else {
            Histogram(bins: bins).render(in: rest, buffer: &buffer, context: context)
        }
    }

    private func label(_ bin: FeatureDrift.BinLabel) -> String {
        switch bin {
        case .range(let lower, let upper):
            if lower == -.infinity { return "≤" + Text.compact(upper) }
            if upper == .infinity { return ">" + Text.compact(lower) }
            return Text.compact(upper)
        case .category(let value):
            switch value {
            case .string(let s): return s == FeatureWindow.otherCategory.symbol ? "(other)" : Text.clean(state.shown.symbols.name(s))
            case .number(let x): return NumberFormatting.shortest(x)
            case .bool(let b): return b ? "true" : "false"
            case .null: return "null"
            }
        }
    }
}

extension Value {
    /// The symbol of a string value.
    var symbol: Symbol? {
        if case .string(let s) = self { return s }
        return nil
    }
}
