#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopIngest
import ModelTopReport
import ModelTopText

/// `modeltop report`: reads every input to its end and prints the report.
public struct Report {
    public enum Format: String, Sendable, CaseIterable {
        case json, table
    }

    public var inputs: Inputs
    public var monitor: MonitorConfiguration
    /// Only events in this event-time range (`--since`, `--until`, the upper bound excluded).
    public var since: Double?
    public var until: Double?
    /// Nil: a table on a terminal, else JSON.
    public var format: Format?
    /// Exit with status 3 when a model reaches this severity.
    public var failOn: Severity?

    public init(inputs: Inputs, monitor: MonitorConfiguration, since: Double? = nil, until: Double? = nil,
                format: Format? = nil, failOn: Severity? = nil) {
        self.inputs = inputs
        self.monitor = monitor
        self.since = since
        self.until = until
        self.format = format
        self.failOn = failOn
    }

    /// Reads, prints, and returns the report.
    /// - Throws: ``AppError`` with status 2 on input errors, 3 when the gate fails.
    @discardableResult
    public func run() throws -> FleetReport {
        let symbols = SymbolTable()
        var session = try inputs.session(monitor, symbols: symbols)
        try inputs.checkReadable(symbols: symbols)
        if since != nil || until != nil {
            // The upper bound is exclusive: the largest double below `until`.
            session.setTimeRange((since ?? -.greatestFiniteMagnitude)...((until ?? .greatestFiniteMagnitude).nextDown))
        }
        let sources = SourceGroup(inputs: inputs.paths, options: FollowOptions(), mapping: inputs.configuration.fields,
                                  symbols: symbols)
        sources.readToEnd { session.apply($0) }
        session.finish()
        let report = session.report()
        let chosen = format ?? (isatty(1) != 0 ? .table : .json)
        print(chosen == .json ? report.json().rendered(pretty: true) : report.table())
        if let failOn, report.worstSeverity >= failOn {
            throw AppError("a model reached \(report.worstSeverity.name): \(report.worstReason ?? "")", status: 3)
        }
        return report
    }
}
