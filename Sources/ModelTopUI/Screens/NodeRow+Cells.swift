import ModelTopText

extension NodeRow {
    /// Name, flags (`OK`, `SILENT SLOW ERRORS` reversed, or a dim `n=40` while too few latencies
    /// to judge it slow), last seen, events/s, p99 and error rate; the flags come right after
    /// the name, so they stay at 80 columns.
    var cells: [Table.Item] {
        var flags: [String] = []
        if silent { flags.append("SILENT") }
        if slow { flags.append("SLOW") }
        if errors { flags.append("ERRORS") }
        let alert = Style(foreground: .role(.alert), bold: true)
        let flagged: Table.Item = if !flags.isEmpty {
            .text(flags.joined(separator: " "), Style(foreground: .role(.alert), bold: true, reverse: true))
        } else if let n = unjudgedLatencies {
            .text("n=\(n)", Style(foreground: .role(.dim)))
        } else {
            .text("OK", Style(foreground: .role(.ok)))
        }
        return [
            .plain(name),
            flagged,
            .text(Format.age(lastSeenAgo) + " ago", silent ? alert : .plain),
            .plain(Format.compact(eventsPerSecond)),
            .text(Format.milliseconds(p99), slow ? alert : .plain),
            .text(errorRate.map { Format.percent($0) } ?? "-", errors ? alert : .plain),
        ]
    }

    /// The columns of ``cells``.
    static let columns: [Table.Column] = [
        .init("NODE", width: 16), .init("FLAGS", width: 13), .init("LAST SEEN", width: 10, rightAligned: true),
        .init("EV/S", width: 6, rightAligned: true), .init("P99", width: 8, rightAligned: true),
        .init("ERRORS", width: 7, rightAligned: true),
    ]
}
