import ModelTopCore
import ModelTopText

/// What a drill-down depends on.
struct FeatureKey: Equatable {
    var version: Int
    var model: Symbol
    var slot: Int
    /// The pane, or nil for the current window.
    var pane: Int?
}

/// The statistics of a drill-down, computed once per ``FeatureKey``.
struct FeatureDrillDown {
    var drift: FeatureDrift
    var reference: FeatureReference?
    var sample: [Double]
    var selection: FeatureModel.Selection
    var sampleDropped: Bool
    /// The CDF plot's x axis over both samples.
    var axis: CDFPlot.Axis
}

extension Presenter {
    // MARK: Feature drill-down

    func feature(_ model: ModelMonitor, slot: (slot: Int, name: String), monitor: FleetMonitor,
                         state: DashboardState) -> FeatureModel {
        let history = Self.history(monitor)
        let index = history.count - 1 - state.cursorPaneBack
        let pane = state.drillWindow || index < 0 ? nil : history[index]
        let key = FeatureKey(version: monitor.version, model: model.name, slot: slot.slot, pane: pane)
        let d: FeatureDrillDown
        if let feature, featureKey == key {
            d = feature
        } else {
            d = drillDown(model, slot: slot.slot, pane: pane, monitor: monitor)
            feature = d
            featureKey = key
        }
        let symbols = monitor.symbols
        let drift = d.drift
        let thresholds = monitor.configuration.thresholds
        let psiLevel: Severity? = drift.psi.map { $0 >= thresholds.psiAlert ? .alert : $0 >= thresholds.psiWarn ? .warn : .ok }
        var stats: [FeatureModel.Stat] = [.init(label: "PSI", value: Format.stat(drift.psi), level: psiLevel)]
        if drift.kind == .numeric {
            stats.append(.init(label: "KS D", value: Format.stat(drift.ks?.statistic), level: nil))
            stats.append(.init(label: "p", value: Format.pValue(drift.ks?.pvalue), level: nil))
        } else {
            stats.append(.init(label: "chi²", value: Format.stat(drift.chiSquare?.statistic), level: nil))
            stats.append(.init(label: "p", value: Format.pValue(drift.chiSquare?.pvalue), level: nil))
        }
        stats.append(.init(label: "missing", value: Format.percent(drift.missingRate), level: nil))
        if drift.kind == .numeric {
            let m = drift.currentMoments
            stats.append(.init(label: "mean", value: m.count > 0 ? Format.compact(m.mean) : "-", level: nil))
            stats.append(.init(label: "std", value: Format.compact(m.standardDeviation), level: nil))
            if let r = d.reference, r.moments.count > 0 {
                stats.append(.init(label: "ref mean", value: Format.compact(r.moments.mean), level: nil))
                stats.append(.init(label: "ref std", value: Format.compact(r.moments.standardDeviation), level: nil))
            }
        }
        stats.append(.init(label: "n", value: "\(drift.currentCount) vs \(drift.referenceCount) ref", level: nil))
        let bins = drift.bins.map { bin -> FeatureModel.Bin in
            let label: FeatureModel.BinLabel
            switch bin.label {
            case .range(let lower, let upper):
                label = lower == -.infinity ? .atMost(upper) : upper == .infinity ? .above(lower) : .upTo(upper)
            case .category(let value):
                label = .category(Self.categoryName(value, symbols: symbols))
            }
            return .init(label: label, reference: bin.reference, current: bin.current)
        }
        let cdf = drift.kind == .numeric
            ? FeatureModel.CDF(reference: d.reference?.sorted ?? [], current: d.sample, statistic: drift.ks?.statistic,
                               location: drift.ks?.location, axis: d.axis)
            : nil
        return FeatureModel(name: slot.name, kind: drift.kind, model: Text.clean(symbols.name(model.name)),
                            selection: d.selection, drillWindow: state.drillWindow, stats: stats,
                            sampleDropped: d.sampleDropped, bins: bins, firstBin: min(state.binScroll, max(bins.count - 1, 0)),
                            cdf: cdf)
    }

    /// The drill-down's statistics: the feature's window in `pane` (or the current window when
    /// nil) against its reference, with the KS test.
    func drillDown(_ model: ModelMonitor, slot: Int, pane: Int?, monitor: FleetMonitor) -> FeatureDrillDown {
        let configuration = monitor.configuration
        let reference: FeatureReference? = slot == -1 ? model.reference?.prediction
            : (slot < model.references.count ? model.references[slot] : nil)
        let usesScore = model.reference?.usesScore ?? false
        func pick(_ pane: ModelPane) -> FeatureWindow? {
            slot == -1 ? pane.predictionWindow(usesScore: usesScore) : (slot < pane.features.count ? pane.features[slot] : nil)
        }
        var window: FeatureWindow?
        var predictions = 0
        var sampleDropped = false
        let selection: FeatureModel.Selection
        if let pane {
            let start = Double(pane) * configuration.paneSeconds
            selection = .pane(start: start, end: start + configuration.paneSeconds)
            if let kept = model.panes.pane(pane) {
                window = pick(kept)
                predictions = kept.featurePredictions
                sampleDropped = kept.sealed != nil
            }
        } else if let range = monitor.windowRange() {
            let merged = model.merged(range)
            window = pick(merged)
            predictions = merged.featurePredictions
            selection = .window(panes: range.count, end: Double(range.upperBound + 1) * configuration.paneSeconds)
        } else {
            selection = .window(panes: configuration.window, end: 0)
        }
        let empty = FeatureWindow(configuration: .init(kind: nil, edges: nil, sampleLimit: nil, maxCategories: .max, seed: 0))
        let chosen = window ?? empty
        let sample = chosen.sortedSample().values
        return FeatureDrillDown(drift: FeatureDrift(window: chosen, predictions: predictions, reference: reference),
                                reference: reference, sample: sample, selection: selection, sampleDropped: sampleDropped,
                                axis: CDFPlot.Axis(reference?.sorted ?? [], sample))
    }

    static func categoryName(_ value: Value, symbols: SymbolTable) -> String {
        switch value {
        case .string(let s): s == FeatureWindow.otherCategory.symbol ? "(other)" : Text.clean(symbols.name(s))
        case .number(let x): Format.shortest(x)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }
}
