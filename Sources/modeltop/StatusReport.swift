import ModelTopCore
import ModelTopIngest
import ModelTopUI

/// What `report` and `watch --no-tui` print.
struct StatusReport {
    var ingest: IngestSummary
    var symbols: SymbolTable

    func json(time: Double? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let time { members.append(("time", .string(RFC3339.string(fromSeconds: time, fractionDigits: 3)))) }
        members += [
            ("ingest", ingest.totalJSON()),
            ("sources", ingest.sourcesJSON(symbols: symbols)),
            ("malformed_samples", ingest.malformedJSON()),
            ("notices", .array(ingest.notices.map { .string($0.message) })),
        ]
        return .object(members)
    }

    func table() -> String {
        let t = ingest.total
        var lines = ["lines \(t.lines)  events \(t.events)  malformed \(t.malformed)  blank \(t.blank)  bytes \(t.bytes)"]
        lines.append("")
        let header = ["SOURCE", "LINES", "EVENTS", "MALFORMED", "LAST EVENT"]
        var rows = [header]
        for (name, s) in ingest.sources {
            rows.append([Sanitizer.sanitize(symbols.name(name), limit: 40), String(s.lines), String(s.events),
                         String(s.malformed), s.lastEventTime.map { RFC3339.string(fromSeconds: $0) } ?? "-"])
        }
        lines += TextTable.render(rows)
        if !ingest.malformed.isEmpty {
            lines.append("")
            lines.append("last malformed lines:")
            for m in ingest.malformed.suffix(5) { lines.append("  \(m.source): \(m.reason.message): \(m.text)") }
        }
        return lines.joined(separator: "\n")
    }
}
