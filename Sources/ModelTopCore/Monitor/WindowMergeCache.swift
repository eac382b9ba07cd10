/// A model's window merged into one pane, with the merge of the window's leading panes kept
/// between calls: while events only change the newest panes (a dashboard under load, labels
/// joining the last minute or two), each call merges those few panes into a copy of the kept
/// merge instead of merging the whole window again.
///
/// The result is the pane ``ModelMonitor/merged(_:)`` returns, to the bit: the same panes merged
/// in the same order. The kept merge covers the window's first panes up to the last one that
/// had not changed since the call before (never the newest), and is used again only while the
/// window starts at the same pane and those panes keep their ``ModelPane/version``. Versions
/// only grow while a pane is kept, except in a worker (`--emit-panes`), whose sent panes start
/// again at version 0: a worker has no dashboard, and must not use this.
public struct WindowMergeCache: Sendable {
    /// The kept merge of panes `start...through`, with their versions when it was made.
    private var kept: (start: Int, through: Int, versions: [Int], pane: ModelPane)?
    /// The window and its panes' versions at the last call.
    private var last: (window: ClosedRange<Int>, versions: [Int])?

    public init() {}

    /// `monitor.merged(window)`.
    /// - Complexity: the merges of the panes after the kept ones and a copy of the kept merge;
    ///   when the kept merge cannot be used, also that of the panes it is made of. Reading the
    ///   panes' versions is O(window).
    public mutating func merged(_ monitor: ModelMonitor, window: ClosedRange<Int>) -> ModelPane {
        let start = window.lowerBound, newest = window.upperBound
        let versions = window.map { monitor.panes.reading($0) { $0.version } ?? -1 }
        defer { last = (window, versions) }
        if let kept, kept.start == start, kept.through < newest,
            versions[0...(kept.through - start)].elementsEqual(kept.versions)
        {
            return monitor.merged((kept.through + 1)...newest, onto: kept.pane)
        }
        // Keep the leading panes that did not change since the last call (never the newest).
        var through = start - 1
        if let last {
            while through + 1 < newest, last.window.contains(through + 1),
                last.versions[through + 1 - last.window.lowerBound] == versions[through + 1 - start]
            {
                through += 1
            }
        }
        guard through >= start else {
            kept = nil
            return monitor.merged(window)
        }
        let pane = monitor.merged(start...through)
        kept = (start, through, Array(versions[0...(through - start)]), pane)
        return monitor.merged((through + 1)...newest, onto: pane)
    }
}
