/// The lifetime figures merged summaries brought to one model: the newest of each worker
/// instance (they are cumulative), and their sums.
struct AbsorbedSummaries: Sendable {
    var summaries: [UInt64: ModelSummary] = [:]
    private(set) var totals = ModelMonitor.Totals()
    private(set) var evidence = TaskEvidence()
    private(set) var join = (expired: 0, unmatched: 0, pendingPredictions: 0, pendingLabels: 0)
    /// Fragments for panes older than the history keeps (``ModelMonitor/totals`` counts them late).
    var latePanes = 0

    /// Keeps `summary` as its instance's newest and sums again.
    /// - Complexity: O(instances).
    mutating func update(_ summary: ModelSummary) {
        summaries[summary.instance] = summary
        totals = ModelMonitor.Totals()
        evidence = TaskEvidence()
        join = (0, 0, 0, 0)
        for s in summaries.values {
            totals.merge(s.totals)
            evidence.merge(s.evidence)
            join.expired += s.expiredPredictions
            join.unmatched += s.unmatchedLabels
            join.pendingPredictions += s.pendingPredictions
            join.pendingLabels += s.pendingLabels
        }
    }
}
