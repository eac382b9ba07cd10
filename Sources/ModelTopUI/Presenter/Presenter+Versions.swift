import ModelTopCore
import ModelTopText

extension Presenter {
    // MARK: Versions

    /// The versions of `model` over the current window, with their tests against the baseline
    /// (``baselineVersion`` when the model served it, else the most served).
    /// - Complexity: one snapshot with versions: O(versions · features · bins) plus a KS or
    ///   chi-square test of each version's predictions (the features show PSI alone: no KS).
    func versions(_ model: ModelMonitor, monitor: FleetMonitor, first: Int) -> VersionsModel {
        let symbols = monitor.symbols
        let name = Text.clean(symbols.name(model.name))
        guard let window = monitor.windowRange() else {
            return VersionsModel(model: name, window: "", columns: [], rows: [], verdicts: [], first: 0)
        }
        let baseline = baselineVersion.map { symbols.intern($0) }
        let s = ModelSnapshot(model, window: window, symbols: symbols, now: monitor.clock, ks: .none, versions: true,
                              baselineVersion: baseline)
        let versions = s.versions
        let regression = s.task == .regression
        func row(_ label: String, _ value: (VersionSnapshot) -> String, flagged: (VersionSnapshot) -> Bool = { _ in false }) -> VersionsModel.Row {
            .init(label: label, values: versions.map(value), flagged: versions.map(flagged))
        }
        // Worse than the baseline, significantly (p < 0.05).
        func worse(_ v: VersionSnapshot) -> Bool {
            guard let c = v.vsBaseline else { return false }
            if let a = c.accuracy { return a.high < 0 && a.pValue < 0.05 }
            if let m = c.mae { return m.low > 0 && m.pValue < 0.05 }
            return false
        }
        let thresholds = monitor.configuration.thresholds
        var rows = [
            row("share", { Format.percent($0.share) }),
            row("predictions", { Format.count($0.predictions) }),
            row("first seen", { $0.firstSeen.map(Format.dateTime) ?? "-" }),
            row("labels", { Format.count($0.merged.outcomes.joined) }),
        ]
        if regression {
            rows.append(row("MAE", { Format.compact($0.merged.outcomes.meanAbsoluteError) }, flagged: worse))
        } else {
            rows.append(row("accuracy", { Format.percent($0.merged.outcomes.accuracy) }, flagged: worse))
            if s.task == .binary {
                rows.append(row("precision", { Format.stat($0.merged.outcomes.precision) }))
                rows.append(row("recall", { Format.stat($0.merged.outcomes.recall) }))
            }
        }
        rows += [
            row("p50", { Format.milliseconds($0.merged.latency.quantile(0.5)) }),
            row("p99", { Format.milliseconds($0.merged.latency.quantile(0.99)) }, flagged: { ($0.vsBaseline?.p99Ratio ?? 1) >= 2 }),
            row("error rate", { v in Format.percent(v.merged.metrics[symbols.intern("error_rate")].flatMap { $0.count > 0 ? $0.mean : nil }) }),
            row("vs baseline", { v in
                guard let c = v.vsBaseline else { return "baseline" }
                if let a = c.accuracy { return "\(a.difference >= 0 ? "+" : "")\(Format.fixed(a.difference * 100, digits: 1)) pts p=\(Format.pValue(a.pValue))" }
                if let m = c.mae { return "\(m.difference >= 0 ? "+" : "")\(Format.compact(m.difference)) p=\(Format.pValue(m.pValue))" }
                return "no labels"
            }, flagged: worse),
            row("predictions vs base", { v in
                switch v.vsBaseline?.predictions {
                case .ks(let d, let p)?: "KS \(Format.stat(d)) p=\(Format.pValue(p))"
                case .chiSquare(_, let p, _)?: "chi2 p=\(Format.pValue(p))"
                case nil: v.vsBaseline == nil ? "-" : "n/a"
                }
            }, flagged: { ($0.vsBaseline?.predictions?.pValue ?? 1) < 0.05 }),
        ]
        // PSI against the model's reference, per feature and of the prediction.
        let features = (versions.first?.features ?? []) + (versions.first?.predictionDrift.map { [$0] } ?? [])
        for feature in features {
            rows.append(row("PSI " + Text.clean(symbols.name(feature.name)), { v in
                let all = v.features + (v.predictionDrift.map { [$0] } ?? [])
                return Format.stat(all.first { $0.name == feature.name }?.drift.psi)
            }, flagged: { v in
                let all = v.features + (v.predictionDrift.map { [$0] } ?? [])
                return (all.first { $0.name == feature.name }?.drift.psi ?? 0) >= thresholds.psiWarn
            }))
        }
        let columns = versions.map { Text.clean(symbols.name($0.version)) + ($0.version == s.baselineVersion ? " (base)" : "") }
        let verdicts = versions.compactMap { v in v.vsBaseline.map { $0.verdict(candidate: v.version, symbols.name) } }
        return VersionsModel(model: name, window: "current window \(Format.age(s.seconds))", columns: columns, rows: rows,
                             verdicts: verdicts.map(Text.clean), first: min(first, max(rows.count - 1, 0)))
    }
}
