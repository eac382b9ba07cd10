import ModelTopCore
import ModelTopText

/// Turns the analytics (a ``FleetMonitor`` and an ``IngestSummary``) and the UI state into the
/// view models of one frame. All statistics the screens show are computed here, once per
/// change, never while drawing.
///
/// The presenter remembers what it derived — per-pane summaries until the pane changes, model
/// snapshots and overview rows until the monitor changes, a drill-down until its inputs change
/// — so presenting again after a key press costs little. Dropping it changes nothing but speed.
public final class Presenter {
    private var paneCache: [Symbol: [Int: PaneSummary]] = [:]
    private var fleetKey: Int?
    private var snapshots: [Symbol: ModelSnapshot] = [:]
    private var rowsByModel: [Symbol: ModelRow] = [:]
    private var modelOrder: [Symbol] = []
    private var sortedKey: (version: Int, sort: SortOrder, filter: String)?
    private var sorted: [ModelRow] = []
    private var featureKey: FeatureKey?
    private var feature: FeatureDrillDown?

    public init() {}

    /// The view models of a frame.
    /// - Parameters:
    ///   - monitor: the analytics shown (live, or frozen while paused).
    ///   - ingest: the ingest counts shown.
    ///   - state: the UI state.
    /// - Complexity: O(models) for the overview when nothing changed; after a change,
    ///   O(models · features · bins) for the snapshots plus O(changed panes · features · bins);
    ///   a drill-down adds its KS test once.
    public func present(monitor: FleetMonitor, ingest: IngestSummary, state: DashboardState) -> DashboardModel {
        refresh(monitor)
        let rows = sortedRows(monitor, state: state)
        let current = state.currentModel(in: rows.map(\.model)).flatMap { monitor.model($0) }
        let slots = current.map { heatmapSlots($0, symbols: monitor.symbols) } ?? []
        let navigation = Navigation(rows: rows.map { .init(model: $0.model, name: $0.name) }, heatmapRows: slots.count,
                                    panes: monitor.configuration.panes)
        let content: DashboardModel.Content
        var selectedReason: (String, String, Severity)?
        switch state.screen {
        case .overview:
            content = .overview(OverviewModel(rows: rows, selected: state.selectedIndex(in: rows.map(\.model)), sort: state.sort,
                                              filter: state.filter, waiting: monitor.models.isEmpty,
                                              thresholds: monitor.configuration.thresholds))
            let selected = state.selectedIndex(in: rows.map(\.model))
            if let selected, let reason = rows[selected].reason { selectedReason = (rows[selected].name, reason, rows[selected].severity) }
        case .detail:
            content = current.map { .detail(detail($0, slots: slots, monitor: monitor, state: state)) } ?? .empty
        case .feature:
            content = current.flatMap { model in
                Self.clamp(state.cursorRow, slots).map { .feature(feature(model, slot: slots[$0], monitor: monitor, state: state)) }
            } ?? .empty
        case .nodes:
            content = current.map { .nodes(nodes($0, monitor: monitor)) } ?? .empty
        case .help:
            content = .help
        case .malformed:
            content = .malformed(MalformedModel(
                total: ingest.total.malformed,
                lines: ingest.malformed.reversed().map { .init(source: Text.clean($0.source), reason: $0.reason.message, text: $0.text) }))
        case .sources:
            content = .sources(Self.sources(ingest, symbols: monitor.symbols, clock: monitor.clock, now: state.now))
        }
        return DashboardModel(width: state.width, height: state.height,
                              chrome: chrome(monitor: monitor, ingest: ingest, state: state, current: current, slots: slots,
                                             reason: selectedReason),
                              content: content, navigation: navigation)
    }

    private static func clamp(_ row: Int, _ slots: [(slot: Int, name: String)]) -> Int? {
        slots.isEmpty ? nil : min(max(row, 0), slots.count - 1)
    }

    // MARK: Snapshots and rows

    /// Recomputes the snapshots and rows when the monitor changed.
    private func refresh(_ monitor: FleetMonitor) {
        if fleetKey == monitor.version { return }
        snapshots = [:]
        if let window = monitor.windowRange() {
            for model in monitor.models {
                snapshots[model.name] = ModelSnapshot(model, window: window, symbols: monitor.symbols, now: monitor.clock,
                                                      ks: .none)
            }
        }
        rowsByModel = [:]
        for model in monitor.models { rowsByModel[model.name] = row(model, monitor: monitor) }
        modelOrder = monitor.models.map(\.name)
        fleetKey = monitor.version
    }

    /// The rows filtered by the state's filter (a case-insensitive part of the name) and sorted.
    private func sortedRows(_ monitor: FleetMonitor, state: DashboardState) -> [ModelRow] {
        if let key = sortedKey, key.version == monitor.version, key.sort == state.sort, key.filter == state.filter {
            return sorted
        }
        var rows = modelOrder.compactMap { rowsByModel[$0] }
        let filter = state.filter.lowercased()
        if !filter.isEmpty { rows = rows.filter { $0.name.lowercased().contains(filter) } }
        switch state.sort {
        case .severity: rows.sort { ($0.severity, $1.name) > ($1.severity, $0.name) }
        case .name: rows.sort { $0.name < $1.name }
        case .throughput: rows.sort { ($0.throughput ?? 0, $1.name) > ($1.throughput ?? 0, $0.name) }
        case .drift: rows.sort { ($0.worst?.psi ?? -1, $1.name) > ($1.worst?.psi ?? -1, $0.name) }
        }
        sorted = rows
        sortedKey = (monitor.version, state.sort, state.filter)
        return rows
    }

    /// The pane numbers of the history, oldest first, ending at the clock's pane.
    static func history(_ monitor: FleetMonitor) -> [Int] {
        guard let clock = monitor.clock else { return [] }
        let newest = monitor.configuration.pane(of: clock)
        return Array((newest - monitor.configuration.panes + 1)...newest)
    }

    /// The summary of pane `index`, from the cache while the pane is unchanged.
    private func summary(_ model: ModelMonitor, pane index: Int, withKS: Bool) -> PaneSummary? {
        guard let pane = model.panes.pane(index) else { return nil }
        if let cached = paneCache[model.name]?[index], cached.version == pane.version, !withKS || cached.ks != nil {
            return cached
        }
        guard let summary = PaneSummary(model, pane: index, withKS: withKS) else { return nil }
        paneCache[model.name, default: [:]][index] = summary
        if paneCache[model.name]!.count > 4 * model.configuration.panes {
            let oldest = model.panes.oldest ?? index
            paneCache[model.name] = paneCache[model.name]!.filter { $0.key >= oldest }
        }
        return summary
    }

    /// Predictions per second per pane: 0 for a quiet pane, nothing before the model's first
    /// event; the newest pane, still in progress, over the part of it the clock has reached.
    private static func throughput(history: [Int], summaries: [PaneSummary?], model: ModelMonitor, clock: Double?) -> [Double?] {
        let firstPane = model.totals.firstEventTime.isFinite ? model.configuration.pane(of: model.totals.firstEventTime) : Int.max
        let seconds = model.configuration.paneSeconds
        return zip(history, summaries).map { pane, summary in
            guard pane >= firstPane else { return nil }
            var span = seconds
            if pane == history.last, let clock { span = min(max(clock - Double(pane) * seconds, 1), seconds) }
            return Double(summary?.predictions ?? 0) / span
        }
    }

    private func row(_ model: ModelMonitor, monitor: FleetMonitor) -> ModelRow {
        let symbols = monitor.symbols
        let snapshot = snapshots[model.name]
        let history = Self.history(monitor)
        let summaries = history.map { summary(model, pane: $0, withKS: false) }
        let versions = (snapshot?.merged.versionsByCount ?? []).map { Text.clean(symbols.name($0)) }
        let minimum = monitor.configuration.thresholds.minimumSamples
        let worst = snapshot?.worstFeature.flatMap { f in
            f.drift.psi.map {
                (Text.clean(symbols.name(f.name)), $0, f.drift.currentCount >= minimum && f.drift.referenceCount >= minimum)
            }
        }
        return ModelRow(
            model: model.name, name: Text.clean(symbols.name(model.name)), versions: versions,
            nodes: model.nodeLastSeen.count,
            status: snapshot?.status ?? .collecting(have: model.totals.predictions, need: model.configuration.referenceSize),
            task: model.task,
            reasons: snapshot?.findings.map { $0.reason.text(symbols.name) } ?? [],
            reason: snapshot?.findings.first?.reason.shortText(symbols.name),
            throughput: snapshot?.throughput, accuracy: snapshot?.accuracy, worst: worst,
            p99: snapshot?.merged.latency.quantile(0.99),
            throughputSeries: Self.throughput(history: history, summaries: summaries, model: model, clock: monitor.clock),
            accuracySeries: summaries.map { model.task == .regression ? $0?.meanAbsoluteError : $0?.accuracy },
            p99Series: summaries.map { $0?.p99 },
            maxPSISeries: summaries.map { $0?.maxPSI(minimum: minimum) })
    }

    // MARK: Detail

    /// Heatmap rows: the model's features by name, then the prediction (slot -1).
    func heatmapSlots(_ model: ModelMonitor, symbols: SymbolTable) -> [(slot: Int, name: String)] {
        var slots = model.featureNames.enumerated().map { ($0.offset, Text.clean(symbols.name($0.element))) }
        slots.sort { $0.1 < $1.1 }
        return slots + [(-1, model.reference?.usesScore == true ? "score" : "prediction")]
    }

    static let psiThresholds = [0.02, 0.05, 0.1, 0.175, 0.25]
    static let ksThresholds = [0.02, 0.05, 0.1, 0.2, 0.3]

    private func detail(_ model: ModelMonitor, slots: [(slot: Int, name: String)], monitor: FleetMonitor,
                        state: DashboardState) -> DetailModel {
        let symbols = monitor.symbols
        let snapshot = snapshots[model.name]
        let history = Self.history(monitor)
        let withKS = state.metric == .ks
        let summaries = history.map { summary(model, pane: $0, withKS: withKS) }
        let minimum = monitor.configuration.thresholds.minimumSamples
        let rows = slots.map { slot, name in
            DetailModel.HeatRow(name: name, values: summaries.map { s -> HeatCell in
                guard let s, let value = withKS ? s.ks?[slot] : s.psi[slot] else { return .empty }
                return s.counts[slot, default: 0] < minimum ? .tooFew : .value(value)
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
        let sparklines: [DetailModel.SparklineRow] = [
            .init(label: "throughput \(Format.compact(snapshot?.throughput))/s",
                  values: Self.throughput(history: history, summaries: summaries, model: model, clock: monitor.clock), range: nil),
            model.task == .regression
                ? .init(label: "MAE \(Format.compact(snapshot?.merged.outcomes.meanAbsoluteError))",
                        values: summaries.map { $0?.meanAbsoluteError }, range: nil)
                : .init(label: "accuracy \(Format.percent(snapshot?.accuracy))", values: summaries.map { $0?.accuracy }, range: 0...1),
            .init(label: "p99 \(Format.milliseconds(snapshot?.merged.latency.quantile(0.99)))", values: summaries.map { $0?.p99 },
                  range: nil),
            .init(label: "max PSI \(Format.stat(snapshot?.worstFeature?.drift.psi))",
                  values: summaries.map { $0?.maxPSI(minimum: minimum) }, range: nil),
        ]
        let status = snapshot?.status ?? .collecting(have: model.totals.predictions, need: model.configuration.referenceSize)
        return DetailModel(
            name: Text.clean(symbols.name(model.name)), status: status,
            reasons: status.explanation.map { [$0] } ?? (snapshot?.findings ?? []).prefix(2).map { $0.reason.text(symbols.name) },
            info: snapshot.map { info($0, model: model, monitor: monitor) } ?? [],
            outcomes: snapshot.map(outcomes) ?? [],
            sparklines: sparklines, metric: state.metric, paneSeconds: monitor.configuration.paneSeconds, rows: rows,
            thresholds: withKS ? Self.ksThresholds : Self.psiThresholds,
            cursorRow: state.cursorRow, cursorPaneBack: state.cursorPaneBack, cursorCell: cursorCell)
    }

    private func info(_ s: ModelSnapshot, model: ModelMonitor, monitor: FleetMonitor) -> [String] {
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
        parts.insert(s.task.map { Self.taskName($0) } ?? "task unknown yet", at: 0)
        return parts
    }

    static func taskName(_ task: ModelTask) -> String {
        switch task {
        case .binary: "binary classifier"
        case .multiclass: "multiclass classifier"
        case .regression: "regressor"
        }
    }

    private func outcomes(_ s: ModelSnapshot) -> [String] {
        let o = s.merged.outcomes
        var parts = ["labels \(o.joined)"]
        switch s.task {
        case .regression?:
            parts.append("MAE \(Format.compact(o.meanAbsoluteError)) (reference \(Format.compact(s.referenceOutcomes.meanAbsoluteError)))")
            parts.append("RMSE \(Format.compact(o.rootMeanSquaredError))")
        case .multiclass?:
            parts.append("accuracy \(Format.percent(o.accuracy)) (reference \(Format.percent(s.referenceAccuracy)))")
            let macro = o.macro
            parts.append("macro precision \(Format.stat(macro?.precision))")
            parts.append("macro recall \(Format.stat(macro?.recall))")
            parts.append("macro F1 \(Format.stat(macro?.f1))")
        case .binary?:
            parts.append("accuracy \(Format.percent(o.accuracy)) (reference \(Format.percent(s.referenceAccuracy)))")
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

    // MARK: Feature drill-down

    /// What a drill-down depends on.
    private struct FeatureKey: Equatable {
        var version: Int
        var model: Symbol
        var slot: Int
        /// The pane, or nil for the current window.
        var pane: Int?
    }

    /// The statistics of a drill-down, computed once per ``FeatureKey``.
    private struct FeatureDrillDown {
        var drift: FeatureDrift
        var reference: FeatureReference?
        var sample: [Double]
        var selection: FeatureModel.Selection
        var sampleDropped: Bool
    }

    private func feature(_ model: ModelMonitor, slot: (slot: Int, name: String), monitor: FleetMonitor,
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
                               location: drift.ks?.location)
            : nil
        return FeatureModel(name: slot.name, kind: drift.kind, model: Text.clean(symbols.name(model.name)),
                            selection: d.selection, drillWindow: state.drillWindow, stats: stats,
                            sampleDropped: d.sampleDropped, bins: bins, cdf: cdf)
    }

    /// The drill-down's statistics: the feature's window in `pane` (or the current window when
    /// nil) against its reference, with the KS test.
    private func drillDown(_ model: ModelMonitor, slot: Int, pane: Int?, monitor: FleetMonitor) -> FeatureDrillDown {
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
        return FeatureDrillDown(drift: FeatureDrift(window: chosen, predictions: predictions, reference: reference),
                                reference: reference, sample: chosen.sortedSample().values, selection: selection,
                                sampleDropped: sampleDropped)
    }

    private static func categoryName(_ value: Value, symbols: SymbolTable) -> String {
        switch value {
        case .string(let s): s == FeatureWindow.otherCategory.symbol ? "(other)" : Text.clean(symbols.name(s))
        case .number(let x): Format.shortest(x)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }

    // MARK: Nodes

    private func nodes(_ model: ModelMonitor, monitor: FleetMonitor) -> NodesModel {
        let symbols = monitor.symbols
        let name = Text.clean(symbols.name(model.name))
        guard let clock = monitor.clock, let snapshot = snapshots[model.name] else { return NodesModel(model: name, rows: []) }
        let seconds = max(snapshot.seconds, 1)
        // Every node the model has ever used, silent ones included.
        let nodes = model.nodeLastSeen.keys.sorted { symbols.name($0) < symbols.name($1) }
        let p99ByNode = Dictionary(uniqueKeysWithValues: snapshot.nodes.compactMap { n in n.pane.latency.quantile(0.99).map { (n.name, $0) } })
        // Slow: a p99 more than twice the median p99 of the other nodes.
        func othersMedian(_ node: Symbol) -> Double? {
            let others = p99ByNode.filter { $0.key != node }.map(\.value).sorted()
            return others.isEmpty ? nil : others[(others.count - 1) / 2]
        }
        let silentAfter = 2 * monitor.configuration.paneSeconds
        let thresholds = monitor.configuration.thresholds
        let rows = nodes.map { node -> NodesModel.Row in
            let pane = snapshot.nodes.first { $0.name == node }?.pane ?? NodePane()
            let lastSeen = model.nodeLastSeen[node] ?? -.infinity
            let p99 = pane.latency.quantile(0.99)
            let errorRate = pane.errorRate.count > 0 ? pane.errorRate.mean : nil
            let relativelySlow = p99.flatMap { p in othersMedian(node).map { p > 2 * $0 } } ?? false
            let overThreshold = p99.map { AlertThresholds.level($0, warn: thresholds.p99LatencyWarn, alert: thresholds.p99LatencyAlert) > .ok } ?? false
            return NodesModel.Row(
                name: Text.clean(symbols.name(node)), eventsPerSecond: Double(pane.events) / seconds,
                predictions: pane.predictions, p50: pane.latency.quantile(0.5), p99: p99,
                errorRate: errorRate, lastSeenAgo: clock - lastSeen,
                silent: clock - lastSeen > silentAfter, slow: relativelySlow || overThreshold,
                errors: errorRate.map { AlertThresholds.level($0, warn: thresholds.errorRateWarn, alert: thresholds.errorRateAlert) > .ok } ?? false)
        }
        return NodesModel(model: name, rows: rows)
    }

    // MARK: Sources

    /// The sources view: every source of the ingest counts, with the receiver's view of the
    /// network ones merged in by name.
    static func sources(_ ingest: IngestSummary, symbols: SymbolTable, clock: Double?, now: Double) -> SourcesModel {
        let network = ingest.network
        let byName = Dictionary((network?.sources ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = ingest.sources.map { name, s -> SourcesModel.Row in
            let text = symbols.name(name)
            let n = byName[text]
            return SourcesModel.Row(
                name: Text.clean(text), kind: n == nil ? "file" : "network", lines: s.lines, events: s.events,
                malformed: s.malformed, bytes: s.bytes, peer: n.map { Text.clean($0.peer) }, requests: n?.requests,
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

    // MARK: Header, prompt and status bar

    private func chrome(monitor: FleetMonitor, ingest: IngestSummary, state: DashboardState, current: ModelMonitor?,
                        slots: [(slot: Int, name: String)], reason: (String, String, Severity)?) -> ChromeModel {
        var trail = ["fleet"]
        switch state.screen {
        case .detail, .feature, .nodes:
            if let current {
                trail.append(Text.clean(monitor.symbols.name(current.name)))
                if state.screen == .feature, let row = Self.clamp(state.cursorRow, slots) { trail.append(slots[row].name) }
                if state.screen == .nodes { trail.append("nodes") }
            }
        case .help: trail.append("help")
        case .malformed: trail.append("malformed lines")
        case .sources: trail.append("inputs")
        case .overview: break
        }
        let prompt: ChromeModel.Prompt?
        if state.editingFilter {
            prompt = .filter(Text.clean(state.filter))
        } else if let model = state.confirmRebaseline {
            prompt = .confirmRebaseline(model: Text.clean(monitor.symbols.name(model)))
        } else if let message = state.message {
            prompt = .message(Text.clean(message.text))  // notices name files and config keys
        } else {
            prompt = nil
        }
        var status: [ChromeModel.StatusItem] = []
        if let replay = state.replay { status.append(.replay(speed: replay.speed, paused: replay.paused)) }
        status += [.sources(state.sourceCount), .rate(state.rate.rate(at: state.now)), .malformed(ingest.total.malformed)]
        if let network = ingest.network, network.rejected > 0 { status.append(.rejected(network.rejected)) }
        if !ingest.hosts.isEmpty { status.append(.hosts(up: ingest.hosts.filter(\.isUp).count, total: ingest.hosts.count)) }
        status.append(.clock(monitor.clock, replay: state.replay != nil))
        if state.paused { status.append(.paused) }
        if let (model, text, severity) = reason { status.append(.reason(model: model, text: text, severity: severity)) }
        status.append(.theme(state.themeName))
        return ChromeModel(trail: trail, paused: state.paused, prompt: prompt, status: status)
    }
}

extension Value {
    /// The symbol of a string value.
    var symbol: Symbol? {
        if case .string(let s) = self { return s }
        return nil
    }
}
