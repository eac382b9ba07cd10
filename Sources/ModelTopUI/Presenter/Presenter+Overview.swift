import ModelTopCore
import ModelTopText

extension Presenter {
    // MARK: Snapshots and rows

    /// Recomputes the snapshots and rows when the monitor changed: those of the models that
    /// changed (``ModelMonitor/changedAt``), or all when the window moved; the others keep
    /// theirs, with the rates computed again at the clock.
    /// - Complexity: O(models) plus a snapshot and a row per model computed again.
    func refresh(_ monitor: FleetMonitor) {
        if fleetKey == monitor.version { return }
        snapshots = [:]
        let window = monitor.windowRange()
        if let window {
            for model in monitor.models {
                snapshots[model.name] = windowSnapshots.snapshot(model, window: window, symbols: monitor.symbols, now: monitor.clock)
            }
        }
        var rows: [Symbol: ModelRow] = [:]
        rows.reserveCapacity(monitor.models.count)
        for model in monitor.models {
            let key = RowKey(changedAt: model.changedAt, newestPane: window?.upperBound)
            if let kept = rowsByModel[model.name], rowKeys[model.name] == key {
                rows[model.name] = retimed(kept, model, newestPane: key.newestPane, clock: monitor.clock)
            } else {
                rows[model.name] = row(model, monitor: monitor)
                rowKeys[model.name] = key
            }
        }
        rowsByModel = rows
        modelOrder = monitor.models.map(\.name)
        fleetKey = monitor.version
    }

    /// What a model's row was computed from, but for the clock within the newest pane.
    struct RowKey: Equatable {
        var changedAt: Int
        var newestPane: Int?
    }

    /// `row` (of `model`, unchanged since, over the same panes, the newest `newestPane`) with its
    /// rates at `clock`: the window's throughput and the newest pane's, the only figures of a row
    /// that depend on it.
    func retimed(_ row: ModelRow, _ model: ModelMonitor, newestPane: Int?, clock: Double?) -> ModelRow {
        var row = row
        row.throughput = snapshots[model.name]?.throughput
        if let newest = newestPane, !row.throughputSeries.isEmpty {
            let predictions = summary(model, pane: newest, withKS: false)?.predictions
            row.throughputSeries[row.throughputSeries.count - 1] =
                Self.rate(pane: newest, predictions: predictions, newest: newest, firstPane: Self.firstPane(model),
                          paneSeconds: model.configuration.paneSeconds, clock: clock)
        }
        return row
    }

    /// The rows matching the state's filter (a substring or a regular expression, ignoring
    /// case), sorted by the state's column; also counts what the filter hides, by severity.
    func sortedRows(_ monitor: FleetMonitor, state: DashboardState) -> [ModelRow] {
        if let key = sortedKey, key.version == monitor.version, key.sort == state.sort, key.filter == state.filter {
            return sorted
        }
        let all = modelOrder.compactMap { rowsByModel[$0] }
        let filter = TextFilter(state.filter)
        var rows = all.filter { filter.matches($0.name) }
        hiddenCounts = [:]
        for row in all where !filter.matches(row.name) {
            let severity: Severity? = if case .judged(let s) = row.status { s } else { nil }
            hiddenCounts[severity, default: 0] += 1
        }
        rows.sort(by: Self.order(state.sort))
        sorted = rows
        sortedKey = (monitor.version, state.sort, state.filter)
        return rows
    }

    /// The overview's order for `sort`: by the column's value (rows without one last, either
    /// way), then by name.
    static func order(_ sort: SortSpec) -> (ModelRow, ModelRow) -> Bool {
        func compare<T: Comparable>(_ a: T?, _ b: T?, _ x: ModelRow, _ y: ModelRow) -> Bool {
            switch (a, b) {
            case (let a?, let b?) where a != b: return sort.descending ? a > b : a < b
            case (nil, _?): return false
            case (_?, nil): return true
            default: return x.name < y.name
            }
        }
        return { x, y in
            switch sort.column {
            case .status: compare(Self.statusRank(x.status), Self.statusRank(y.status), x, y)
            case .model: sort.descending ? (x.name, y.model.rawValue) > (y.name, x.model.rawValue) : x.name < y.name
            case .version: compare(x.versions.first, y.versions.first, x, y)
            case .nodes: compare(x.nodes, y.nodes, x, y)
            case .throughput: compare(x.throughput, y.throughput, x, y)
            case .accuracy: compare(x.accuracy ?? x.meanAbsoluteError, y.accuracy ?? y.meanAbsoluteError, x, y)
            case .worst: compare(x.worst?.name, y.worst?.name, x, y)
            case .psi: compare(x.worst?.psi, y.worst?.psi, x, y)
            case .p99: compare(x.p99, y.p99, x, y)
            case .reason: compare(x.reason, y.reason, x, y)
            }
        }
    }

    /// ALERT above WARN above OK above not judged yet.
    static func statusRank(_ status: ModelStatus) -> Int {
        if case .judged(let s) = status { return s.rawValue + 1 }
        return 0
    }

    /// The pane numbers of the history, oldest first, ending at the clock's pane.
    static func history(_ monitor: FleetMonitor) -> [Int] {
        guard let clock = monitor.clock else { return [] }
        let newest = monitor.configuration.pane(of: clock)
        return Array((newest - monitor.configuration.panes + 1)...newest)
    }

    /// The summary of pane `index`, from the cache while the pane is unchanged.
    func summary(_ model: ModelMonitor, pane index: Int, withKS: Bool) -> PaneSummary? {
        guard let version = model.panes.reading(index, { $0.version }) else { return nil }
        if let cached = paneCache[model.name]?[index], cached.version == version, !withKS || cached.ks != nil {
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
    static func throughput(history: [Int], summaries: [PaneSummary?], model: ModelMonitor, clock: Double?) -> [Double?] {
        let firstPane = firstPane(model), seconds = model.configuration.paneSeconds
        return zip(history, summaries).map { pane, summary in
            rate(pane: pane, predictions: summary?.predictions, newest: history.last, firstPane: firstPane, paneSeconds: seconds,
                 clock: clock)
        }
    }

    /// The pane of the model's first event (`Int.max` before any).
    static func firstPane(_ model: ModelMonitor) -> Int {
        let first = model.totals.firstEventTime
        return first.isFinite ? model.configuration.pane(of: first) : Int.max
    }

    /// Predictions per second in `pane` (`predictions`: its count): see
    /// ``throughput(history:summaries:model:clock:)``; `newest` is the history's newest pane.
    static func rate(pane: Int, predictions: Int?, newest: Int?, firstPane: Int, paneSeconds seconds: Double,
                     clock: Double?) -> Double? {
        guard pane >= firstPane else { return nil }
        var span = seconds
        if pane == newest, let clock { span = min(max(clock - Double(pane) * seconds, 1), seconds) }
        return Double(predictions ?? 0) / span
    }

    func row(_ model: ModelMonitor, monitor: FleetMonitor) -> ModelRow {
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
        let shown = snapshot?.headlineAccuracy(minimumLabels: minimum) ?? (value: nil, estimated: false)
        return ModelRow(
            model: model.name, name: Text.clean(symbols.name(model.name)), versions: versions,
            nodes: model.nodeLastSeen.count,
            status: snapshot?.status ?? .collecting(have: model.totals.predictions, need: model.configuration.referenceSize),
            task: model.task,
            reasons: snapshot?.findings.map { $0.reason.text(symbols.name) } ?? [],
            reason: snapshot?.findings.first?.reason.shortText(symbols.name),
            throughput: snapshot?.throughput, accuracy: shown.value, accuracyIsEstimate: shown.estimated,
            accuracyJudged: shown.estimated || (snapshot?.merged.outcomes.joined ?? 0) >= minimum,
            meanAbsoluteError: model.task == .regression ? snapshot?.merged.outcomes.meanAbsoluteError : nil,
            referenceMeanAbsoluteError: model.task == .regression ? snapshot?.referenceOutcomes.meanAbsoluteError : nil, worst: worst,
            p99: snapshot?.merged.latency.quantile(0.99),
            throughputSeries: Self.throughput(history: history, summaries: summaries, model: model, clock: monitor.clock),
            accuracySeries: summaries.map {
                model.task == .regression ? $0?.meanAbsoluteError : shown.estimated ? $0?.estimatedAccuracy : $0?.accuracy
            },
            p99Series: summaries.map { $0?.p99 },
            maxPSISeries: summaries.map { $0?.maxPSI })
    }
}
