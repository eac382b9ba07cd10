import Synchronization
import ModelTopCore
import ModelTopIngest

/// What the receiver hands its decoded batches to and asks for exports: the loop's side,
/// installed when the loop starts.
public struct ReceiverSink: Sendable {
    /// What an export request wants.
    public enum Export: Sendable {
        /// The Prometheus text exposition.
        case metrics
        /// The JSON object of a `watch --no-tui` line.
        case report
    }

    /// A free batch now, or nil when every batch waits for the loop (the request gets 429).
    public var takeBatch: @Sendable () -> DecodedBatch?
    /// Queues a filled batch for the loop.
    public var deliver: @Sendable (DecodedBatch) -> Void
    /// Asks the loop for an export, with the receiver's counts as of the request; the loop
    /// calls the completion with the text (nil: none).
    public var export: @Sendable (Export, NetworkSummary, @escaping @Sendable (String?) -> Void) -> Void
    /// The receiver's counts, about once a second.
    public var report: @Sendable (NetworkSummary) -> Void

    public init(takeBatch: @escaping @Sendable () -> DecodedBatch?, deliver: @escaping @Sendable (DecodedBatch) -> Void,
                export: @escaping @Sendable (Export, NetworkSummary, @escaping @Sendable (String?) -> Void) -> Void,
                report: @escaping @Sendable (NetworkSummary) -> Void) {
        self.takeBatch = takeBatch
        self.deliver = deliver
        self.export = export
        self.report = report
    }
}

/// What every connection's handlers share.
final class ReceiverShared: Sendable {
    let configuration: ReceiverConfiguration
    let token: BearerToken?
    let ingest: NetworkIngest
    let counters: ReceiverCounters
    let clock: @Sendable () -> Double
    private let installedSink = Mutex<ReceiverSink?>(nil)

    init(configuration: ReceiverConfiguration, ingest: NetworkIngest, counters: ReceiverCounters,
         clock: @escaping @Sendable () -> Double) {
        self.configuration = configuration
        token = configuration.token.map(BearerToken.init)
        self.ingest = ingest
        self.counters = counters
        self.clock = clock
    }

    /// The receiver's counts now (rates as of the last tick).
    func summary() -> NetworkSummary {
        let j = ingest.joinStatistics
        return counters.snapshot(now: clock(), joins: (j.joined, j.responsesAlone, j.requestsAlone, j.waiting), updatingRates: false)
    }

    var sink: ReceiverSink? {
        get { installedSink.withLock { $0 } }
        set { installedSink.withLock { $0 = newValue } }
    }
}
