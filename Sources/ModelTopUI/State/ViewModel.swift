import ModelTopCore

/// One model's line in the fleet overview.
public struct ModelRow: Sendable {
    public var model: Symbol
    public var name: String
    public var versions: [String]
    public var nodes: Int
    public var severity: Severity
    public var reasons: [String]
    public var throughput: Double?
    public var accuracy: Double?
    /// The feature with the largest PSI; `judged` is false while its window is too small to
    /// count towards the severity (shown dimmed).
    public var worst: (name: String, psi: Double, judged: Bool)?
    public var p99: Double?
    /// Per pane of the history, oldest first.
    public var throughputSeries: [Double?]
    public var accuracySeries: [Double?]
    public var p99Series: [Double?]
    public var maxPSISeries: [Double?]
}

/// What is derived from one pane of a model: kept until the pane changes.
struct PaneSummary {
    var version: Int
    var predictions: Int
    var accuracy: Double?
    var p99: Double?
    /// PSI per feature slot; the prediction is slot -1.
    var psi: [Int: Double]
    /// KS D per feature slot, computed only when a heatmap shows KS.
    var ks: [Int: Double]?
    var maxPSI: Double? { psi.values.max() }
}

/// Memoized view data: pane summaries (recomputed only when a pane changes) and the overview
/// rows (recomputed only when the monitor changes). Not state: dropping it changes nothing but
/// speed.
public final class ViewCache: @unchecked Sendable {
    private var panes: [Symbol: [Int: PaneSummary]] = [:]
    private var rowsKey: (version: Int, frozen: Bool)?
    private var rows: [ModelRow] = []
    private var snapshots: [Symbol: ModelSnapshot] = [:]
    private var sortedKey: (version: Int, frozen: Bool, sort: SortOrder, filter: String)?
    private var sorted: [ModelRow] = []

    public init() {}

    /// The overview rows of `monitor`, in model order.
    func rows(_ monitor: FleetMonitor, frozen: Bool) -> [ModelRow] {
        refresh(monitor, frozen: frozen)
        return rows
    }

    /// The rows filtered by `filter` (a case-insensitive part of the name) and sorted.
    func sortedRows(_ monitor: FleetMonitor, frozen: Bool, sort: SortOrder, filter: String) -> [ModelRow] {
        if let key = sortedKey, key.version == monitor.version, key.frozen == frozen, key.sort == sort, key.filter == filter,
            rowsKey?.version == monitor.version
        {
            return sorted
        }
        var rows = self.rows(monitor, frozen: frozen)
        if !filter.isEmpty { rows = rows.filter { $0.name.lowercased().contains(filter.lowercased()) } }
        switch sort {
        case .severity: rows.sort { ($0.severity, $1.name) > ($1.severity, $0.name) }
        case .name: rows.sort { $0.name < $1.name }
        case .throughput: rows.sort { ($0.throughput ?? 0, $1.name) > ($1.throughput ?? 0, $0.name) }
        case .drift: rows.sort { ($0.worst?.psi ?? -1, $1.name) > ($1.worst?.psi ?? -1, $0.name) }
        }
        sorted = rows
        sortedKey = (monitor.version, frozen, sort, filter)
        return rows
    }

    /// The current window of `model` without KS tests, computed once per change of the monitor
    /// and shared by the overview, detail and nodes views.
    func snapshot(_ model: Symbol, _ monitor: FleetMonitor, frozen: Bool) -> ModelSnapshot? {
        refresh(monitor, frozen: frozen)
        return snapshots[model]
    }

    private func refresh(_ monitor: FleetMonitor, frozen: Bool) {
        if let key = rowsKey, key.version == monitor.version, key.frozen == frozen { return }
        snapshots = [:]
        if let window = monitor.windowRange() {
            for model in monitor.models {
                snapshots[model.name] = ModelSnapshot(model, window: window, symbols: monitor.symbols, now: monitor.clock,
                                                      ks: .none)
            }
        }
        rows = monitor.models.map { row($0, monitor: monitor) }
        rowsKey = (monitor.version, frozen)
    }

    /// The pane numbers of the history, oldest first, ending at the clock's pane.
    static func history(_ monitor: FleetMonitor) -> [Int] {
        guard let clock = monitor.clock else { return [] }
        let newest = monitor.configuration.pane(of: clock)
        return Array((newest - monitor.configuration.panes + 1)...newest)
    }

    func summary(_ model: ModelMonitor, pane index: Int, withKS: Bool) -> PaneSummary? {
        guard let pane = model.panes.pane(index) else { return nil }
        if let cached = panes[model.name]?[index], cached.version == pane.version, !withKS || cached.ks != nil {
            return cached
        }
        let references = model.references
        var psi: [Int: Double] = [:]
        var ks: [Int: Double]? = withKS ? [:] : nil
        if let sealed = pane.sealed {
            for (slot, d) in sealed {
                if let p = d.psi { psi[slot] = p }
                if let k = d.ks { ks?[slot] = k }
            }
        } else if model.reference != nil {
            for (slot, window) in pane.features.enumerated() {
                guard let window, slot < references.count, let reference = references[slot] else { continue }
                let drift = FeatureDrift(window: window, predictions: pane.predictions, reference: reference, ks: withKS ? .statistic : .none)
                if let p = drift.psi { psi[slot] = p }
                if let k = drift.ks?.statistic { ks?[slot] = k }
            }
            if let reference = model.reference, let window = pane.predictionWindow(usesScore: reference.usesScore) {
                let drift = FeatureDrift(window: window, predictions: pane.predictions, reference: reference.prediction,
                                         ks: withKS ? .statistic : .none)
                if let p = drift.psi { psi[-1] = p }
                if let k = drift.ks?.statistic { ks?[-1] = k }
            }
        }
        let summary = PaneSummary(version: pane.version, predictions: pane.predictions, accuracy: pane.outcomes.accuracy,
                                  p99: pane.latency.quantile(0.99), psi: psi, ks: ks)
        panes[model.name, default: [:]][index] = summary
        if panes[model.name]!.count > 4 * model.configuration.panes {
            let oldest = model.panes.oldest ?? index
            panes[model.name] = panes[model.name]!.filter { $0.key >= oldest }
        }
        return summary
    }

    /// Predictions per second per pane: 0 for a quiet pane, nothing before the model's first event.
    static func throughput(history: [Int], summaries: [PaneSummary?], model: ModelMonitor) -> [Double?] {
        let firstPane = model.totals.firstEventTime.isFinite ? model.configuration.pane(of: model.totals.firstEventTime) : Int.max
        let seconds = model.configuration.paneSeconds
        return zip(history, summaries).map { pane, summary in
            pane < firstPane ? nil : Double(summary?.predictions ?? 0) / seconds
        }
    }

    private func row(_ model: ModelMonitor, monitor: FleetMonitor) -> ModelRow {
        let symbols = monitor.symbols
        let snapshot = snapshots[model.name]
        let history = Self.history(monitor)
        let summaries = history.map { summary(model, pane: $0, withKS: false) }
        let versions = (snapshot?.merged.versions.pairs ?? []).sorted { $0.value > $1.value }.map { Text.clean(symbols.name($0.key)) }
        let minimum = monitor.configuration.thresholds.minimumSamples
        let worst = snapshot?.worstFeature.flatMap { f in
            f.drift.psi.map {
                (Text.clean(symbols.name(f.name)), $0, f.drift.currentCount >= minimum && f.drift.referenceCount >= minimum)
            }
        }
        return ModelRow(
            model: model.name, name: Text.clean(symbols.name(model.name)), versions: versions,
            nodes: model.nodeLastSeen.count, severity: snapshot?.severity ?? .ok, reasons: snapshot?.reasons ?? [],
            throughput: snapshot?.throughput, accuracy: snapshot?.accuracy, worst: worst,
            p99: snapshot?.merged.latency.quantile(0.99),
            throughputSeries: Self.throughput(history: history, summaries: summaries, model: model),
            accuracySeries: summaries.map { $0?.accuracy },
            p99Series: summaries.map { $0?.p99 },
            maxPSISeries: summaries.map { $0?.maxPSI })
    }
}
