import ModelTopCore
import ModelTopText

extension FleetReport {
    /// The report as text tables for a terminal: ingest counts, one row per model, then each
    /// model's metrics for its task, features and nodes. Names from logs are sanitized.
    public func table() -> String {
        let t = ingest.total
        var lines = ["lines \(t.lines)  events \(t.events)  malformed \(t.malformed)  blank \(t.blank)"
            + (outOfRange > 0 ? "  out of range \(outOfRange)" : "")
            + (clock.map { "  event time \(RFC3339.string(fromSeconds: $0))" } ?? "")]
        var rows = [["MODEL", "TASK", "STATUS", "PREDICTIONS", "ACCURACY", "REF ACC", "MAE", "WORST FEATURE", "PSI", "P99 MS"]]
        for s in snapshots {
            let worst = s.worstFeature
            let accuracy = s.headlineAccuracy(minimumLabels: minimumSamples)
            rows.append([
                name(s.model, limit: 32), s.task?.rawValue ?? "-", s.status.label, String(s.merged.predictions),
                (accuracy.estimated ? "~" : "") + Format.percent(accuracy.value), Format.percent(s.referenceAccuracy),
                s.task == .regression ? fixed(s.merged.outcomes.meanAbsoluteError, 3) : "-",
                worst.map { name($0.name, limit: 24) } ?? "-",
                Format.stat(worst?.drift.psi), fixed(s.merged.latency.quantile(0.99), 1),
            ])
        }
        lines.append("")
        lines += TextTable.render(rows)
        for s in snapshots { lines += modelSection(s) }
        let notices = ingest.notices.map(\.message) + skippedNotices + snapshots.flatMap { s in s.notices.map { "\(name(s.model, limit: 32)): \($0.text)" } }
        if !notices.isEmpty {
            lines.append("")
            lines.append("notices:")
            for notice in notices.suffix(10) { lines.append("  " + Sanitizer.sanitize(notice, limit: 240)) }
        }
        if !ingest.malformed.isEmpty {
            lines.append("")
            lines.append("last malformed lines:")
            for m in ingest.malformed.suffix(5) { lines.append("  \(Sanitizer.sanitize(m.source, limit: 40)): \(m.reason.message): \(m.text)") }
        }
        return lines.joined(separator: "\n")
    }

    private func name(_ symbol: Symbol, limit: Int) -> String {
        Sanitizer.sanitize(symbols.name(symbol), limit: limit)
    }

    /// A model's heading, its metrics, its features and its nodes.
    private func modelSection(_ s: ModelSnapshot) -> [String] {
        var lines = [""]
        var heading = "\(name(s.model, limit: 60)): \(s.status.label)"
        if let task = s.task { heading += " (\(task.rawValue))" }
        if !s.findings.isEmpty { heading += ": " + s.findings.prefix(3).map { $0.reason.text(symbols.name) }.joined(separator: "; ") }
        if let explanation = s.status.explanation { heading += ": " + explanation }
        lines.append(heading)
        if let metrics = metricsLine(s) { lines.append("  " + metrics) }
        var features = [["FEATURE", "KIND", "PSI", "KS D", "P-VALUE", "MISSING", "REF N", "CUR N"]]
        for f in s.features + (s.predictionDrift.map { [$0] } ?? []) {
            let d = f.drift
            let p = d.ks?.pvalue ?? d.chiSquare?.pvalue
            features.append([
                name(f.name, limit: 32) + (d.capped ? " (capped)" : ""), d.kind.rawValue, Format.stat(d.psi),
                Format.stat(d.ks?.statistic), Format.pValue(p), Format.percent(d.missingRate),
                String(d.referenceCount), String(d.currentCount),
            ])
        }
        lines += TextTable.render(features).map { "  " + $0 }
        if s.versions.count > 1 { lines += versionLines(s) }
        if !s.nodes.isEmpty {
            var nodes = [["NODE", "PREDICTIONS", "P50 MS", "P99 MS", "ERROR RATE"]]
            for n in s.nodes {
                nodes.append([name(n.name, limit: 32), String(n.pane.predictions), fixed(n.pane.latency.quantile(0.5), 1),
                              fixed(n.pane.latency.quantile(0.99), 1),
                              n.pane.errorRate.count > 0 ? Format.percent(n.pane.errorRate.mean) : "-"])
            }
            lines += TextTable.render(nodes).map { "  " + $0 }
        }
        return lines
    }

    /// One row per version (the baseline marked), then each candidate's verdict.
    private func versionLines(_ s: ModelSnapshot) -> [String] {
        let regression = s.task == .regression
        var rows = [["VERSION", "SHARE", "PREDICTIONS", "LABELS", regression ? "MAE" : "ACCURACY", "P99 MS", "WORST FEATURE", "PSI"]]
        for v in s.versions {
            let o = v.merged.outcomes
            let worst = v.features.filter { $0.drift.psi != nil }.max { $0.drift.psi! < $1.drift.psi! }
            rows.append([
                name(v.version, limit: 24) + (v.version == s.baselineVersion ? " (baseline)" : ""), Format.percent(v.share),
                String(v.predictions), String(o.joined),
                regression ? fixed(o.meanAbsoluteError, 3) : Format.percent(o.accuracy),
                fixed(v.merged.latency.quantile(0.99), 1), worst.map { name($0.name, limit: 24) } ?? "-", Format.stat(worst?.drift.psi),
            ])
        }
        var lines = TextTable.render(rows).map { "  " + $0 }
        for v in s.versions { if let c = v.vsBaseline { lines.append("  " + c.verdict(candidate: v.version, symbols.name)) } }
        return lines
    }

    /// The metrics of the model's task, as JSON has them.
    private func metricsLine(_ s: ModelSnapshot) -> String? {
        let o = s.merged.outcomes
        var parts = ["labels joined \(o.joined)"]
        // A realized accuracy on too few labels is shown, and said not to be judged.
        let accuracy = "accuracy \(Format.percent(s.accuracy))"
            + (s.accuracy != nil && o.joined < minimumSamples ? " (not judged: \(minimumSamples) labels needed)" : "")
            + (s.estimated?.accuracy.map { "  estimated ~\(Format.percent($0))" } ?? "")
        switch s.task {
        case .binary?:
            parts += [accuracy, "precision \(Format.stat(o.precision))",
                      "recall \(Format.stat(o.recall))", "F1 \(Format.stat(o.f1))", "ROC AUC \(Format.stat(rocAUC[s.model]))"]
        case .multiclass?:
            let macro = o.macro
            parts += [accuracy, "macro precision \(Format.stat(macro?.precision))",
                      "macro recall \(Format.stat(macro?.recall))", "macro F1 \(Format.stat(macro?.f1))"]
        case .regression?:
            parts += ["MAE \(fixed(o.meanAbsoluteError, 3))", "RMSE \(fixed(o.rootMeanSquaredError, 3))",
                      "reference MAE \(fixed(s.referenceOutcomes.meanAbsoluteError, 3))"]
        case nil:
            break
        }
        if s.pendingPredictions > 0 { parts.append("\(s.pendingPredictions) predictions without a label") }
        if s.unmatchedLabels > 0 { parts.append("\(s.unmatchedLabels) unmatched labels") }
        if let rate = s.metricMean(symbols.intern("error_rate")) { parts.append("error rate \(Format.percent(rate))") }
        return parts.joined(separator: "  ")
    }

    private func fixed(_ x: Double?, _ digits: Int) -> String {
        x.map { Format.fixed($0, digits: digits) } ?? "-"
    }
}
