import ModelTopCore
import ModelTopText

extension Presenter {
    // MARK: Detail

    /// Heatmap rows: the model's features by name, then the prediction (slot -1).
    func heatmapSlots(_ model: ModelMonitor, symbols: SymbolTable) -> [(slot: Int, name: String)] {
        var slots = model.featureNames.enumerated().map { ($0.offset, Text.clean(symbols.name($0.element))) }
        slots.sort { $0.1 < $1.1 }
        return slots + [(-1, model.reference?.usesScore == true ? "score" : "prediction")]
    }

    static let psiThresholds = [0.02, 0.05, 0.1, 0.175, 0.25]
    static let ksThresholds = [0.02, 0.05, 0.1, 0.2, 0.3]

    func detail(_ model: ModelMonitor, slots: [(slot: Int, name: String)], hiddenRows: Int, monitor: FleetMonitor,
                state: DashboardState) -> DetailModel {
        let symbols = monitor.symbols
        let snapshot = snapshots[model.name]
        let history = Self.history(monitor)
        let withKS = state.metric == .ks
        let summaries = history.map { summary(model, pane: $0, withKS: withKS) }
        let minimum = monitor.configuration.thresholds.minimumSamples
        let rows = slots.map { slot, name in
            DetailModel.HeatRow(name: name, values: summaries.map { s -> HeatCell in
                guard let s, let psi = s.psi[slot] else { return .empty }
                if s.counts[slot, default: 0] < minimum { return .tooFew }
                guard withKS else { return .value(psi) }
                // A categorical feature has no KS D: said so, not left blank like a pane without data.
                return s.ks?[slot].map(HeatCell.value) ?? .notApplicable
            }, isPrediction: slot == -1)
        }
        var cursorCell: DetailModel.CursorCell?
        let column = summaries.count - 1 - state.cursorPaneBack
        if let row = Self.clamp(state.cursorRow, slots), column >= 0, column < history.count {
            let s = summaries[column], slot = slots[row].slot
            cursorCell = .init(name: slots[row].name, isPrediction: slot == -1,
                               paneStart: Double(history[column]) * monitor.configuration.paneSeconds,
                               psi: s?.psi[slot], ks: s?.ks?[slot], predictions: s?.predictions ?? 0,
                               values: s?.counts[slot] ?? 0, minimum: minimum, inProgress: column == history.count - 1)
        }
        let accuracy = summaries.map { $0?.accuracy }
        let mae = summaries.map { $0?.meanAbsoluteError }
        var sparklines: [DetailModel.SparklineRow] = [
            .init(label: "ev/s \(Format.compact(snapshot?.throughput))",
                  values: Self.throughput(history: history, summaries: summaries, model: model, clock: monitor.clock), range: nil),
            // Accuracy and MAE over their own range, so 88% -> 68% is a visible drop; the range is shown.
            model.task == .regression
                ? .init(label: "MAE \(Format.compact(snapshot?.merged.outcomes.meanAbsoluteError)) "
                            + "(ref \(Format.compact(snapshot?.referenceOutcomes.meanAbsoluteError)))",
                        values: mae, range: Self.ownRange(mae), rangeText: Self.ownRange(mae).map { Self.rangeText($0, Format.compact) })
                : .init(label: "accuracy \(Format.percent(snapshot?.accuracy))", values: accuracy, range: Self.ownRange(accuracy),
                        rangeText: Self.ownRange(accuracy).map { Self.rangeText($0, Format.percent) }),
            .init(label: "p99 \(Format.milliseconds(snapshot?.merged.latency.quantile(0.99)))", values: summaries.map { $0?.p99 },
                  range: nil),
        ]
        // Estimated accuracy (CBPE) beside the realized one, on the same range, with its band.
        if let estimate = snapshot?.estimated, let estimatedAccuracy = estimate.accuracy {
            let estimated = summaries.map { $0?.estimatedAccuracy }
            let range = Self.ownRange(accuracy + estimated)
            sparklines[1].range = range
            sparklines[1].rangeText = range.map { Self.rangeText($0, Format.percent) }
            sparklines.insert(.init(label: "~acc \(Format.percent(estimatedAccuracy)) +/-\(Format.fixed(1.96 * (estimate.accuracyStandardError ?? 0) * 100, digits: 1))",
                                    values: estimated, range: range, rangeText: range.map { Self.rangeText($0, Format.percent) }), at: 2)
        }
        sparklines += [
            .init(label: "max PSI \(Format.stat(snapshot?.worstFeature?.drift.psi))",
                  values: summaries.map { $0?.maxPSI }, range: nil),
        ]
        let status = snapshot?.status ?? .collecting(have: model.totals.predictions, need: model.configuration.referenceSize)
        return DetailModel(
            name: Text.clean(symbols.name(model.name)), task: model.task.map(Self.taskName) ?? "task not known yet", status: status,
            reasons: (status.explanation.map { [$0] } ?? (snapshot?.findings ?? []).prefix(2).map { $0.reason.text(symbols.name) })
                + (snapshot?.estimateDisagrees(minimumSamples: minimum) == true
                    ? ["realized and estimated accuracy disagree beyond the band: concept drift? (the estimate assumes none)"] : []),
            info: snapshot.map { info($0, model: model, monitor: monitor) } ?? [],
            outcomes: snapshot.map { outcomes($0, minimumLabels: minimum) } ?? [],
            sparklines: sparklines, metric: state.metric, paneSeconds: monitor.configuration.paneSeconds, rows: rows,
            filter: state.featureFilter, hiddenRows: hiddenRows,
            thresholds: withKS ? Self.ksThresholds : Self.psiThresholds,
            cursorRow: state.cursorRow, cursorPaneBack: state.cursorPaneBack, cursorCell: cursorCell,
            deploys: Self.deploys(model, history: history, symbols: symbols))
    }

    /// Where in `history` each version but the first started.
    static func deploys(_ model: ModelMonitor, history: [Int], symbols: SymbolTable) -> [DetailModel.Deploy] {
        let firsts = model.versionFirstSeen.pairs.sorted { $0.value < $1.value }.dropFirst()
        guard let start = history.first else { return [] }
        return firsts.compactMap { version, time in
            let column = model.configuration.pane(of: time) - start
            return column >= 0 && column < history.count ? .init(column: column, version: Text.clean(symbols.name(version))) : nil
        }
    }

    /// The range of a series' values (nil when it has none, or only one value).
    static func ownRange(_ values: [Double?]) -> ClosedRange<Double>? {
        let present = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = present.min(), let high = present.max(), high > low else { return nil }
        return low...high
    }

    static func rangeText(_ range: ClosedRange<Double>, _ format: (Double?) -> String) -> String {
        format(range.lowerBound) + "-" + format(range.upperBound)
    }

    func info(_ s: ModelSnapshot, model: ModelMonitor, monitor: FleetMonitor) -> [String] {
        let symbols = monitor.symbols
        let versions = s.merged.versionsByCount.map { Text.clean(symbols.name($0)) }
        let reference: String
        switch model.reference?.source {
        case .file?: reference = "reference file (\(model.reference!.predictions))"
        case .firstPredictions(let n)?: reference = "reference: first \(n) predictions"
        case .window?: reference = "re-baselined (\(model.reference!.predictions))"
        case nil: reference = "collecting reference (\(model.totals.predictions)/\(model.configuration.referenceSize))"
        }
        let configuration = monitor.configuration
        var parts = [reference, "window \(Format.age(Double(configuration.window) * configuration.paneSeconds))",
                     "\(s.merged.predictions) predictions", "\(s.nodes.count) node\(s.nodes.count == 1 ? "" : "s")"]
        if !versions.isEmpty { parts.insert("version " + versions.prefix(3).joined(separator: ", "), at: 0) }
        return parts
    }

    static func taskName(_ task: ModelTask) -> String {
        switch task {
        case .binary: "binary classifier"
        case .multiclass: "multiclass classifier"
        case .regression: "regressor"
        }
    }

    /// The model line's outcome figures. A realized accuracy or MAE on fewer than
    /// `minimumLabels` joined labels is shown and said not to be judged (as the report's table
    /// says it), so that it does not read as what the status stands on.
    func outcomes(_ s: ModelSnapshot, minimumLabels: Int) -> [String] {
        let o = s.merged.outcomes
        var parts = ["labels \(o.joined)"]
        let notJudged = o.joined > 0 && o.joined < minimumLabels ? " (not judged: \(minimumLabels) labels needed)" : ""
        switch s.task {
        case .regression?:
            parts.append("MAE \(Format.compact(o.meanAbsoluteError)) (reference \(Format.compact(s.referenceOutcomes.meanAbsoluteError)))"
                         + notJudged)
            parts.append("RMSE \(Format.compact(o.rootMeanSquaredError))")
        case .multiclass?:
            parts.append("accuracy \(Format.percent(o.accuracy)) (reference \(Format.percent(s.referenceAccuracy)))" + notJudged)
            let macro = o.macro
            parts.append("macro precision \(Format.stat(macro?.precision))")
            parts.append("macro recall \(Format.stat(macro?.recall))")
            parts.append("macro F1 \(Format.stat(macro?.f1))")
        case .binary?:
            parts.append("accuracy \(Format.percent(o.accuracy)) (reference \(Format.percent(s.referenceAccuracy)))" + notJudged)
            if let e = s.estimated, let calibration = s.calibration {
                parts.append("estimated ~\(Format.percent(e.accuracy)) +/-\(Format.fixed(1.96 * (e.accuracyStandardError ?? 0) * 100, digits: 1)) pts"
                             + (calibration.calibrated ? " (calibrated)" : ""))
            }
            parts.append("precision \(Format.stat(o.precision))")
            parts.append("recall \(Format.stat(o.recall))")
            parts.append("F1 \(Format.stat(o.f1))")
            if let auc = o.rocAUC { parts.append("AUC \(Format.stat(auc))") }
        case nil:
            break
        }
        let latency = s.merged.latency
        parts.append("p50/p99 \(Format.milliseconds(latency.quantile(0.5)))/\(Format.milliseconds(latency.quantile(0.99)))")
        if s.unmatchedLabels > 0 { parts.append("\(s.unmatchedLabels) unmatched labels") }
        return parts
    }
}
