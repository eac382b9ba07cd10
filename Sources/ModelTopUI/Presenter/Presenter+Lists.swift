import ModelTopCore
import ModelTopText

extension Presenter {
    // MARK: Nodes

    func nodes(_ model: ModelMonitor, monitor: FleetMonitor, selected: Int) -> NodesModel {
        let symbols = monitor.symbols
        let name = Text.clean(symbols.name(model.name))
        guard let clock = monitor.clock, let snapshot = snapshots[model.name] else {
            return NodesModel(model: name, rows: [], selected: 0)
        }
        let rows = NodeHealth.assess(model, snapshot: snapshot, clock: clock)
            .map { Self.nodeRow($0, name: Text.clean(symbols.name($0.node)), clock: clock) }
            .sorted { $0.node.name < $1.node.name }
        return NodesModel(model: name, rows: rows, selected: min(selected, max(rows.count - 1, 0)))
    }

    /// Every serving node across the models: its events summed, its latency merged, its flags
    /// from any model (a node slow or silent for one model is so for the fleet view too).
    func fleetNodes(monitor: FleetMonitor, selected: Int) -> FleetNodesModel {
        guard let clock = monitor.clock else { return FleetNodesModel(rows: [], selected: 0) }
        var byNode: [Symbol: (models: Int, rate: Double, latency: LatencyHistogram, errors: Moments, lastSeen: Double,
                              silent: Bool, slow: Bool, erroring: Bool, judged: Bool, mostLatencies: Int)] = [:]
        for model in monitor.models {
            guard let snapshot = snapshots[model.name] else { continue }
            let errors = Dictionary(uniqueKeysWithValues: snapshot.nodes.map { ($0.name, $0.pane.errorRate) })
            for h in NodeHealth.assess(model, snapshot: snapshot, clock: clock) {
                var entry = byNode[h.node] ?? (0, 0, LatencyHistogram(), Moments(), -.infinity, true, false, false, false, 0)
                entry.models += 1
                entry.rate += h.eventsPerSecond
                entry.latency.merge(h.latency)
                if let e = errors[h.node] { entry.errors.merge(e) }
                entry.lastSeen = max(entry.lastSeen, h.lastSeen)
                entry.silent = entry.silent && h.silent  // silent only when silent for every model
                entry.slow = entry.slow || h.slow
                entry.erroring = entry.erroring || h.errors
                // Slowness is judged per model: judged for some model, or the most latencies
                // any model has on the node (the merged count would read as enough).
                entry.judged = entry.judged || h.slownessJudged
                entry.mostLatencies = max(entry.mostLatencies, h.latency.count)
                byNode[h.node] = entry
            }
        }
        let rows = byNode.map { node, e in
            FleetNodesModel.Row(node: NodeRow(name: Text.clean(monitor.symbols.name(node)), eventsPerSecond: e.rate,
                                              p99: e.latency.quantile(0.99), errorRate: e.errors.count > 0 ? e.errors.mean : nil,
                                              lastSeenAgo: clock - e.lastSeen, silent: e.silent, slow: e.slow, errors: e.erroring,
                                              unjudgedLatencies: e.judged ? nil : e.mostLatencies),
                                models: e.models)
        }.sorted { $0.node.name < $1.node.name }
        return FleetNodesModel(rows: rows, selected: min(selected, max(rows.count - 1, 0)))
    }

    /// The alert timeline, newest first, and where each entry leads.
    func alertsModel(_ alerts: AlertTracker, monitor: FleetMonitor, selected: Int)
        -> (AlertsModel, [Navigation.AlertTarget])
    {
        let symbols = monitor.symbols
        let newest = monitor.clock.map { monitor.configuration.pane(of: $0) } ?? 0
        var entries: [AlertsModel.Entry] = []
        var targets: [Navigation.AlertTarget] = []
        for change in alerts.log.reversed() {
            let subject: String
            var row: Int?
            switch change.subject {
            case .model:
                subject = "model"
            case .feature(let f):
                subject = "feature " + Text.clean(symbols.name(f))
                if let model = monitor.model(change.model) {
                    let slots = heatmapSlots(model, symbols: symbols)
                    row = slots.firstIndex { $0.slot >= 0 && model.featureNames[$0.slot] == f } ?? (slots.isEmpty ? nil : slots.count - 1)
                }
            case .node(let n):
                subject = "node " + Text.clean(symbols.name(n))
            }
            entries.append(AlertsModel.Entry(time: change.time, model: Text.clean(symbols.name(change.model)), subject: subject,
                                             from: change.from, to: change.to, reason: change.reason.map { $0.text(symbols.name) }))
            targets.append(Navigation.AlertTarget(model: change.model, heatmapRow: row, paneBack: max(0, newest - change.pane)))
        }
        return (AlertsModel(entries: entries, selected: min(selected, max(entries.count - 1, 0)), dropped: alerts.dropped), targets)
    }

    // MARK: Texts

    /// The help, wrapped to `width`: every key, then what the colours and glyphs mean.
    static func help(width: Int, first: Int) -> TextModel {
        let keyWidth = 24
        var lines: [TextModel.Line] = [.init(text: "keys", kind: .title)]
        for entry in KeyMap.entries {
            let wrapped = Text.wrap(entry.action, width: max(10, width - keyWidth - 1))
            for (i, part) in wrapped.enumerated() {
                lines.append(.init(key: i == 0 ? entry.keys : "", text: part, kind: .plain))
            }
        }
        lines.append(.init(text: ""))
        for note in KeyMap.notes {
            lines += Text.wrap(note, width: max(10, width)).map { .init(text: $0, kind: .dim) }
        }
        return TextModel(lines: lines, first: first, keyWidth: keyWidth)
    }

    /// One malformed line, whole (as kept), wrapped, with its source and reason.
    static func malformedLine(_ line: MalformedLine?, width: Int, first: Int) -> TextModel {
        guard let line else { return TextModel(lines: [.init(text: "no malformed line", kind: .dim)], first: 0, keyWidth: 0) }
        var lines: [TextModel.Line] = [
            .init(key: "source", text: Text.clean(line.source), kind: .plain),
            .init(key: "reason", text: line.reason.message, kind: .warn),
            .init(text: ""),
        ]
        lines += Text.wrap(line.text, width: max(10, width), breakAnywhere: true).map { .init(text: $0, kind: .plain) }
        return TextModel(lines: lines, first: first, keyWidth: 8)
    }

    static func nodeRow(_ h: NodeHealth, name: String, clock: Double) -> NodesModel.Row {
        NodesModel.Row(node: NodeRow(name: name, eventsPerSecond: h.eventsPerSecond, p99: h.latency.quantile(0.99),
                                     errorRate: h.errorRate, lastSeenAgo: clock - h.lastSeen,
                                     silent: h.silent, slow: h.slow, errors: h.errors,
                                     unjudgedLatencies: h.slownessJudged ? nil : h.latency.count),
                       p50: h.latency.quantile(0.5), predictions: h.predictions)
    }

    // MARK: Sources

    /// The sources view: every source of the ingest counts, with the receiver's view of the
    /// network ones merged in by name.
    /// Wall seconds without a block after which a worker is not live (ten intervals of the
    /// default one second).
    static let workerSilence = 10.0

    static func sources(_ ingest: IngestSummary, symbols: SymbolTable, clock: Double?, now: Double,
                        workers: [WorkerSummary] = []) -> SourcesModel {
        let network = ingest.network
        let byName = Dictionary((network?.sources ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // Kafka partitions are sources named TOPIC/PARTITION: their lag, or why they stall, in the peer column.
        let partitions = Dictionary(ingest.partitions.map { ("\($0.topic)/\($0.partition)", $0) }, uniquingKeysWith: { a, _ in a })
        var rows = ingest.sources.map { name, s -> SourcesModel.Row in
            let text = symbols.name(name)
            let n = byName[text]
            let p = partitions[text]
            let peer = n.map { Text.clean($0.peer) } ?? p.map { p in p.lastError.map(Text.clean) ?? "lag \(p.lag.map(String.init) ?? "-")" }
            return SourcesModel.Row(
                name: Text.clean(text), kind: n != nil ? "network" : p != nil ? "kafka" : text.hasPrefix("panes:") ? "panes" : "file",
                lines: s.lines, events: s.events,
                malformed: s.malformed, bytes: s.bytes, peer: peer, requests: n?.requests,
                rejected: n?.rejected, eventsPerSecond: n?.eventsPerSecond,
                lastSeenAgo: n.map { max(0, now - $0.lastSeen) } ?? clock.flatMap { c in s.lastEventTime.map { max(0, c - $0) } },
                finished: ingest.finished.contains(name))
        }
        // Network sources that sent nothing decodable yet (every request rejected).
        let known = Set(rows.map(\.name))
        for n in network?.sources ?? [] where !known.contains(Text.clean(n.name)) {
            rows.append(SourcesModel.Row(name: Text.clean(n.name), kind: "network", lines: 0, events: n.events, malformed: 0, bytes: n.bytes,
                                         peer: Text.clean(n.peer), requests: n.requests, rejected: n.rejected,
                                         eventsPerSecond: n.eventsPerSecond, lastSeenAgo: max(0, now - n.lastSeen), finished: false))
        }
        // Workers whose summaries are merged: how far behind the newest one's event time they are,
        // or how long they have been silent.
        let newest = workers.compactMap(\.clock).max()
        for w in workers.sorted(by: { ($0.name, $0.instance) < ($1.name, $1.instance) }) {
            let silent = now - w.wallTime >= workerSilence
            var behind = 0.0
            if let newest, let clock = w.clock { behind = newest - clock }
            let peer = silent ? "silent \(Format.age(max(0, now - w.wallTime)))"
                : behind >= 1 ? "\(Format.age(behind)) behind" : "live"
            rows.append(SourcesModel.Row(name: Text.clean(w.name), kind: "worker", lines: w.lines, events: w.events,
                                         malformed: w.malformed, bytes: 0, peer: peer, requests: nil, rejected: nil,
                                         eventsPerSecond: nil, lastSeenAgo: max(0, now - w.wallTime), finished: false))
        }
        let receiver = network.map { n in
            SourcesModel.Receiver(
                address: n.address, tls: n.tls, connectionsOpen: n.connectionsOpen, requests: n.requests,
                rejected: n.responses.filter { $0.key >= 400 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                connectionsRefused: n.connectionsRefused, connectionsTimedOut: n.connectionsTimedOut, joined: n.joined,
                responsesAlone: n.responsesAlone, requestsAlone: n.requestsAlone, waiting: n.waitingHalves)
        }
        let hosts = ingest.hosts.map { h -> SourcesModel.Host in
            let state: String
            switch h.state {
            case .connecting: state = "connecting"
            case .connected: state = "connected"
            case .retrying(let at): state = "retrying in \(Format.age(max(0, at - now)))"
            }
            return SourcesModel.Host(name: Text.clean(h.host), up: h.isUp, state: state, files: h.files, bytesBehind: h.bytesBehind,
                                     lastError: h.lastError.map(Text.clean))
        }
        return SourcesModel(receiver: receiver, hosts: hosts, rows: rows)
    }
}
