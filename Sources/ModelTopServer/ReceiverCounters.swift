import Synchronization
import ModelTopCore

/// The receiver's counts, updated from every event loop and read once a second into a
/// ``NetworkSummary`` for the loop.
final class ReceiverCounters: Sendable {
    private struct State {
        var summary: NetworkSummary
        var index: [String: Int] = [:]
        /// Events per source at the previous snapshot, for the rate.
        var previousEvents: [String: Int] = [:]
        var previousTime: Double?
    }

    private let state: Mutex<State>

    init(address: String, tls: Bool) {
        var summary = NetworkSummary(address: address)
        summary.tls = tls
        state = Mutex(State(summary: summary))
    }

    /// The source's name, or "(other sources)" once ``NetworkSummary/sourceLimit`` are known.
    private static func slot(_ name: String, in state: inout State, peer: String, now: Double) -> Int {
        if let i = state.index[name] { return i }
        let name = state.summary.sources.count < NetworkSummary.sourceLimit ? name : "(other sources)"
        if let i = state.index[name] { return i }
        state.index[name] = state.summary.sources.count
        state.summary.sources.append(NetworkSummary.Source(name: name, peer: peer, lastSeen: now))
        return state.summary.sources.count - 1
    }

    /// The address actually bound (the port, when 0 was asked).
    func setAddress(_ address: String) { state.withLock { $0.summary.address = address } }

    func connectionAccepted() { state.withLock { $0.summary.connectionsAccepted += 1; $0.summary.connectionsOpen += 1 } }
    func connectionClosed() { state.withLock { $0.summary.connectionsOpen -= 1 } }
    func connectionRefused() { state.withLock { $0.summary.connectionsRefused += 1 } }
    func connectionTimedOut() { state.withLock { $0.summary.connectionsTimedOut += 1 } }

    /// The number of open connections (for the limit).
    var open: Int { state.withLock { $0.summary.connectionsOpen } }

    /// A response sent; `source` when the request was one of the ingest endpoint's.
    func responded(_ status: Int, source: String?, peer: String, events: Int = 0, bytes: Int = 0, now: Double) {
        state.withLock { s in
            s.summary.requests += 1
            s.summary.responses[status, default: 0] += 1
            s.summary.eventsAccepted += events
            guard let source else { return }
            let i = Self.slot(source, in: &s, peer: peer, now: now)
            s.summary.sources[i].requests += 1
            s.summary.sources[i].events += events
            s.summary.sources[i].bytes += bytes
            s.summary.sources[i].peer = peer
            s.summary.sources[i].lastSeen = now
            if status >= 400 { s.summary.sources[i].rejected += 1 }
        }
    }

    /// The counts now, with each source's events per second since the previous call (or, with
    /// `updatingRates` false, as of that call).
    func snapshot(now: Double, joins: (joined: Int, responsesAlone: Int, requestsAlone: Int, waiting: Int),
                  updatingRates: Bool = true) -> NetworkSummary {
        state.withLock { s in
            if !updatingRates {
                var summary = s.summary
                summary.joined = joins.joined
                summary.responsesAlone = joins.responsesAlone
                summary.requestsAlone = joins.requestsAlone
                summary.waitingHalves = joins.waiting
                summary.sources.sort { ($0.events, $1.name) > ($1.events, $0.name) }
                return summary
            }
            let elapsed = s.previousTime.map { now - $0 } ?? 0
            for i in s.summary.sources.indices {
                let name = s.summary.sources[i].name
                let events = s.summary.sources[i].events
                if elapsed > 0 {
                    s.summary.sources[i].eventsPerSecond = Double(events - (s.previousEvents[name] ?? 0)) / elapsed
                }
                s.previousEvents[name] = events
            }
            s.previousTime = now
            s.summary.joined = joins.joined
            s.summary.responsesAlone = joins.responsesAlone
            s.summary.requestsAlone = joins.requestsAlone
            s.summary.waitingHalves = joins.waiting
            var summary = s.summary
            summary.sources.sort { ($0.events, $1.name) > ($1.events, $0.name) }
            return summary
        }
    }
}
