/// Every model's snapshot over the fleet's window without KS tests (what the overview shows and
/// the alert checks judge), kept between calls: a model that did not change since (its
/// ``ModelMonitor/changedAt``), over the same window, gets its kept snapshot with the rates
/// computed again at the new clock; a model that changed is merged with its
/// ``WindowMergeCache`` (when `keepsMerges`) and computed again.
///
/// The snapshots equal those computed afresh: a snapshot depends on the clock only through
/// ``ModelSnapshot/seconds``, and on the fleet only through its window. Under load with many
/// models, where each frame or check finds a few models changed, this is the difference between
/// computing a few snapshots and computing them all.
///
/// One cache follows one ``FleetMonitor`` (and copies of it: a frozen one is an earlier state of
/// the same history).
public struct WindowSnapshotCache: Sendable {
    private struct Entry: Sendable {
        var merges = WindowMergeCache()
        var kept: (changedAt: Int, snapshot: ModelSnapshot)?

        mutating func snapshot(_ model: ModelMonitor, window: ClosedRange<Int>, symbols: SymbolTable, now: Double?,
                               keepsMerges: Bool) -> ModelSnapshot {
            if let kept, kept.changedAt == model.changedAt, kept.snapshot.window == window {
                return kept.snapshot.retimed(now: now, paneSeconds: model.configuration.paneSeconds)
            }
            let merged = keepsMerges ? merges.merged(model, window: window) : nil
            let snapshot = ModelSnapshot(model, window: window, symbols: symbols, now: now, ks: .none, merged: merged)
            kept = (model.changedAt, snapshot)
            return snapshot
        }
    }

    private var entries: [Symbol: Entry] = [:]
    private let keepsMerges: Bool

    /// - Parameter keepsMerges: false in a worker (`--emit-panes`), whose panes start again at
    ///   version 0 when sent (see ``WindowMergeCache``).
    public init(keepsMerges: Bool = true) {
        self.keepsMerges = keepsMerges
    }

    /// `ModelSnapshot(model, window: window, symbols: symbols, now: now, ks: .none)`.
    /// - Complexity: O(1) when `model` did not change since the last call over `window`; else
    ///   that of the snapshot, with the window's merge as ``WindowMergeCache`` makes it.
    public mutating func snapshot(_ model: ModelMonitor, window: ClosedRange<Int>, symbols: SymbolTable,
                                  now: Double?) -> ModelSnapshot {
        entries[model.name, default: Entry()].snapshot(model, window: window, symbols: symbols, now: now, keepsMerges: keepsMerges)
    }
}
