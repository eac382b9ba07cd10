import ModelTopCore
import ModelTopText

extension FleetReport {
    /// The report as text tables for a terminal: ingest counts, one row per model, then each
    /// model's features. Names from logs are sanitized.
    public func table() -> String {
        let t = ingest.total
        var lines = ["lines \(t.lines)  events \(t.events)  malformed \(t.malformed)  blank \(t.blank)"
            + (clock.map { "  event time \(RFC3339.string(fromSeconds: $0))" } ?? "")]
        var rows = [["MODEL", "SEVERITY", "PREDICTIONS", "ACCURACY", "REF ACC", "WORST FEATURE", "PSI", "P99 MS"]]
        for s in snapshots {
            let worst = s.worstFeature
            rows.append([
                Sanitizer.sanitize(symbols.name(s.model), limit: 32), s.severity.name.uppercased(),
                String(s.merged.predictions), Format.percent(s.accuracy), Format.percent(s.referenceAccuracy),
                worst.map { Sanitizer.sanitize(symbols.name($0.name), limit: 24) } ?? "-",
                Format.stat(worst?.drift.psi), fixed(s.merged.latency.quantile(0.99), 1),
            ])
        }
        lines.append("")
        lines += TextTable.render(rows)
        for s in snapshots {
            lines.append("")
            lines.append("\(Sanitizer.sanitize(symbols.name(s.model), limit: 60)): \(s.severity.name.uppercased())"
                + (s.findings.isEmpty ? "" : " (" + s.findings.prefix(3).map { $0.reason.text(symbols.name) }.joined(separator: "; ") + ")"))
            var features = [["FEATURE", "KIND", "PSI", "KS D", "P-VALUE", "MISSING", "REF N", "CUR N"]]
            for f in s.features + (s.predictionDrift.map { [$0] } ?? []) {
                let d = f.drift
                let p = d.ks?.pvalue ?? d.chiSquare?.pvalue
                features.append([
                    Sanitizer.sanitize(symbols.name(f.name), limit: 32), d.kind.rawValue, Format.stat(d.psi),
                    Format.stat(d.ks?.statistic), Format.pValue(p), Format.percent(d.missingRate),
                    String(d.referenceCount), String(d.currentCount),
                ])
            }
            lines += TextTable.render(features).map { "  " + $0 }
        }
        if !ingest.malformed.isEmpty {
            lines.append("")
            lines.append("last malformed lines:")
            for m in ingest.malformed.suffix(5) { lines.append("  \(m.source): \(m.reason.message): \(m.text)") }
        }
        return lines.joined(separator: "\n")
    }

    private func fixed(_ x: Double?, _ digits: Int) -> String {
        x.map { Format.fixed($0, digits: digits) } ?? "-"
    }
}
