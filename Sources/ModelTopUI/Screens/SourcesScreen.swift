import ModelTopText

/// Every input (`i`): the receiver's state, then a row per source: files with their counts,
/// network sources with their peer, requests, rejections and rate.
struct SourcesScreen {
    let model: SourcesModel
    let context: RenderContext

    func render(in body: Rect, buffer: inout CellBuffer) {
        let area = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        let title = Style(foreground: .role(.title), bold: true)
        let dim = Style(foreground: .role(.dim))
        var y = area.y
        if let r = model.receiver {
            let x = buffer.write("listening on \(r.tls ? "https" : "http")://\(r.address)", x: area.x, y: y, style: title, clip: area)
            buffer.write("   \(r.connectionsOpen) connections   \(Format.count(r.requests)) requests", x: x, y: y, clip: area)
            y += 1
            let rejected = r.rejected.map { "\($0.code): \(Format.count($0.count))" }.joined(separator: ", ")
            let end = buffer.write("rejected \(rejected.isEmpty ? "none" : rejected)", x: area.x, y: y,
                                   style: r.rejected.isEmpty ? .plain : Style(foreground: .role(.warn), bold: true), clip: area)
            buffer.write("   connections refused \(r.connectionsRefused), timed out \(r.connectionsTimedOut)", x: end, y: y,
                         style: dim, clip: area)
            y += 1
            buffer.write("inference pairs \(r.joined), responses alone \(r.responsesAlone), requests alone \(r.requestsAlone), "
                         + "waiting \(r.waiting)", x: area.x, y: y, style: dim, clip: area)
            y += 1
        } else {
            buffer.write("inputs", x: area.x, y: y, style: title, clip: area)
            y += 1
        }
        if !model.hosts.isEmpty {
            y += 1
            // Why a host is down matters most at 3 a.m.: the error comes before the counts.
            let hosts: [[Table.Item]] = model.hosts.map { h in
                [
                    .plain(h.name),
                    .text(h.state, h.up ? Style(foreground: .role(.ok)) : Style(foreground: .role(.alert), bold: true)),
                    .text(h.lastError ?? "", h.up ? dim : Style(foreground: .role(.warn))),
                    .plain(String(h.files)),
                    .plain(Format.bytes(h.bytesBehind)),
                ]
            }
            // Columns and the spaces between them; the error takes what is left.
            let errorWidth = max(20, area.width - (12 + 14 + 5 + 8) - 5)
            let table = Table(columns: [
                .init("HOST", width: 12), .init("STATE", width: 14), .init("LAST ERROR", width: errorWidth),
                .init("FILES", width: 5, rightAligned: true), .init("BEHIND", width: 8, rightAligned: true),
            ], rows: hosts)
            let height = min(hosts.count + 1, max(2, (area.maxY - y) / 2))
            table.render(in: Rect(x: area.x, y: y, width: area.width, height: height), buffer: &buffer, context: context)
            y += height
        }
        // The columns an on-call engineer needs first come first: at 80 columns the last are cut.
        let rows: [[Table.Item]] = model.rows.map { row in
            [
                .plain(row.name),
                .plain(row.eventsPerSecond.map { Format.compact($0) } ?? "-"),
                .plain(Format.count(row.events)),
                .text(Format.count(row.malformed), row.malformed > 0 ? Style(foreground: .role(.warn)) : .plain),
                .text(row.rejected.map(Format.count) ?? "-", (row.rejected ?? 0) > 0 ? Style(foreground: .role(.alert), bold: true) : .plain),
                .plain(row.lastSeenAgo.map { Format.age($0) + " ago" } ?? "-"),
                .plain(row.peer ?? "-"),
                .plain(row.requests.map(Format.count) ?? "-"),
                .text(row.finished ? "\(row.kind), ended" : row.kind, dim),
            ]
        }
        let table = Table(columns: [
            .init("SOURCE", width: 16), .init("EV/S", width: 6, rightAligned: true), .init("EVENTS", width: 7, rightAligned: true),
            .init("BAD", width: 5, rightAligned: true), .init("REJECTED", width: 8, rightAligned: true),
            .init("LAST SEEN", width: 9, rightAligned: true), .init("PEER", width: 15), .init("REQS", width: 6, rightAligned: true),
            .init("KIND", width: 14),
        ], rows: rows)
        table.render(in: Rect(x: area.x, y: y + 1, width: area.width, height: area.height - (y + 1 - area.y)), buffer: &buffer,
                     context: context)
    }
}
