/// A model's window merged into one pane, with the merge of all but its newest pane kept
/// between calls: while events only change the newest pane (a dashboard under load), each call
/// merges one pane into a copy of the kept merge instead of merging the whole window again.
///
/// The result is the pane ``ModelMonitor/merged(_:)`` returns, to the bit: the same panes merged
/// in the same order. The kept merge is used again only for the same range and the same
/// ``ModelPane/version`` of each of its panes. Versions only grow while a pane is kept, except
/// in a worker (`--emit-panes`), whose sent panes start again at version 0: a worker has no
/// dashboard, and must not use this.
public struct WindowMergeCache: Sendable {
    private var older: ClosedRange<Int>?
    private var versions: [Int] = []
    private var merge: ModelPane?

    public init() {}

    /// `monitor.merged(window)`.
    /// - Complexity: the merge of the newest pane and a copy of the kept merge when the older
    ///   panes are unchanged; else that of ``ModelMonitor/merged(_:)``. Reading the older panes'
    ///   versions is O(window) either way.
    public mutating func merged(_ monitor: ModelMonitor, window: ClosedRange<Int>) -> ModelPane {
        let newest = window.upperBound
        guard window.lowerBound < newest else { return monitor.merged(window) }
        let older = window.lowerBound...(newest - 1)
        let current = older.map { monitor.panes.reading($0) { $0.version } ?? -1 }
        if merge == nil || older != self.older || current != versions {
            merge = monitor.merged(older)
            self.older = older
            versions = current
        }
        var merged = merge!
        monitor.panes.reading(newest) { merged.merge($0) }
        return merged
    }
}
