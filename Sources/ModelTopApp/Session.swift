import ModelTopCore
import ModelTopIngest
import ModelTopReport
import ModelTopServer
import ModelTopText

/// The consume path every command shares (`watch`, `watch --no-tui`, `replay`, `demo`,
/// `report`): decoded batches in, ingest counts and statistics updated, batches recycled.
///
/// It also keeps a frozen copy for a paused display (`p`): views show ``shown`` while
/// ``apply(_:)`` goes on changing the live state.
public struct Session: Sendable {
    public private(set) var monitor: FleetMonitor
    public private(set) var ingest = IngestSummary()
    private var frozen: (monitor: FleetMonitor, ingest: IngestSummary)?
    /// Severity changes of models, features and nodes (the alert timeline).
    public private(set) var alerts = AlertTracker()
    private var alertsChecked = -1
    /// Each model's snapshot kept between alert checks (window merges not in a worker: see
    /// ``WindowMergeCache``).
    private var windowSnapshots: WindowSnapshotCache
    /// The version each model's other versions are compared with (else its most served).
    public var baselineVersion: String?
    /// A worker's (`--emit-panes`) Kafka offset commits, held back until the events they cover
    /// were sent on in a summary block (``releaseCommits()``); nil: each batch's at once.
    public var heldCommits: [@Sendable () -> Void]?

    public init(monitor: FleetMonitor) {
        self.monitor = monitor
        windowSnapshots = WindowSnapshotCache(keepsMerges: !monitor.configuration.emitsSummaries)
    }

    /// True while a frozen copy is shown.
    public var isFrozen: Bool { frozen != nil }

    /// The monitor views show: frozen while paused, else live.
    public var shownMonitor: FleetMonitor { frozen?.monitor ?? monitor }
    /// The ingest counts views show.
    public var shownIngest: IngestSummary { frozen?.ingest ?? ingest }

    /// Applies `batch` (counts, then events) and recycles it.
    /// - Returns: the number of events it held.
    /// - Complexity: that of ``FleetMonitor/apply(_:)``.
    @discardableResult
    public mutating func apply(_ batch: DecodedBatch) -> Int {
        let events = batch.events.events.count
        if heldCommits != nil, let commit = batch.onApplied {
            batch.onApplied = nil
            heldCommits!.append(commit)
        }
        ingest.apply(batch)
        // Over the cores only when batches wait: while the consumer keeps up, the sources'
        // threads are decoding on the other cores (on two cores, spreading then made `report`
        // 7-12% slower: three threads contended for two cores).
        monitor.apply(batch.events, spread: batch.queuedBehind.map { $0 > 0 } ?? true)
        monitor.absorb(batch.summaries)
        batch.recycle()
        return events
    }

    /// Commits the offsets held back so far (their events were sent on).
    public mutating func releaseCommits() {
        guard let held = heldCommits, !held.isEmpty else { return }
        heldCommits = []
        for commit in held { commit() }
    }

    /// What the panes gained since the last call, as summary records (`--emit-panes`).
    public mutating func takeSummaries(worker: WorkerSummary) -> [SummaryRecord] {
        monitor.takeSummaries(worker: worker)
    }

    /// Uses only events with times in `range` (`report --since/--until`).
    public mutating func setTimeRange(_ range: ClosedRange<Double>?) {
        monitor.timeRange = range
    }

    /// At the end of a finite input: references made of what arrived, pending joins counted.
    public mutating func finish() {
        monitor.finish()
    }

    /// Makes `model`'s current window its reference (a frozen display shows it at once).
    public mutating func rebaseline(_ model: Symbol) {
        monitor.rebaseline(model)
        if frozen != nil { frozen = (monitor, ingest) }
    }

    /// Freezes what views show.
    public mutating func freeze() {
        frozen = (monitor, ingest)
    }

    /// Shows live data again.
    public mutating func thaw() {
        frozen = nil
    }

    /// The report of the state over its window: `ks` as ``FleetReport/init(ingest:monitor:baselineVersion:ks:)``
    /// takes it (`.boundedTest` for what is computed again every line or scrape).
    public func report(ks: FeatureDrift.KSWork = .test) -> FleetReport {
        FleetReport(ingest: ingest, monitor: monitor, baselineVersion: baselineVersion, ks: ks)
    }

    /// Compares every model's, feature's and node's severity with the last check and returns the
    /// changes (nothing when the data did not change since). Callers check about once a second.
    /// - Complexity: a snapshot (without KS tests) of every model that changed since the last check.
    public mutating func checkAlerts() -> [AlertChange] {
        guard monitor.version != alertsChecked, let clock = monitor.clock, let window = monitor.windowRange() else { return [] }
        alertsChecked = monitor.version
        var models: [(snapshot: ModelSnapshot, nodes: [NodeHealth])] = []
        for model in monitor.models {
            let snapshot = windowSnapshots.snapshot(model, window: window, symbols: monitor.symbols, now: clock)
            models.append((snapshot, NodeHealth.assess(model, snapshot: snapshot, clock: clock)))
        }
        return alerts.update(models, thresholds: monitor.configuration.thresholds, clock: clock,
                             pane: monitor.configuration.pane(of: clock))
    }

    /// Keeps the HTTP receiver's latest counts.
    public mutating func apply(network summary: NetworkSummary) {
        ingest.network = summary
        if frozen != nil { frozen!.ingest.network = summary }
    }

    /// The live state as the receiver serves it: Prometheus text, or the JSON of a
    /// `watch --no-tui` line (`time`: the wall clock).
    public func export(_ kind: ReceiverSink.Export, time: Double) -> String {
        switch kind {
        case .metrics: report(ks: .boundedTest).prometheus(network: ingest.network)
        case .report: report(ks: .boundedTest).json(time: time).rendered() + "\n"
        }
    }
}
