#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopIngest
import ModelTopKafka
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
        let session = try read()
        let report = session.report()
        let chosen = format ?? (isatty(1) != 0 ? .table : .json)
        try Output.write(chosen == .json ? report.json().rendered(pretty: true) : report.table())
        if failOn != nil {
            // A gate must not pass on nothing: an empty input, or only malformed lines.
            let total = session.ingest.total
            let applied = total.events + session.monitor.workerEvents - session.monitor.outOfRange
            if applied <= 0 {
                throw AppError("no events to judge (\(total.lines) lines, \(total.malformed) malformed, "
                               + "\(session.monitor.outOfRange) out of range): the gate cannot pass on nothing", status: 4)
            }
        }
        if let failOn, report.worstSeverity >= failOn {
            throw AppError("a model reached \(report.worstSeverity.name): \(report.worstReason ?? "")", status: 3)
        }
        return report
    }

    /// Reads every input to its end (`report` and `check`).
    /// - Throws: ``AppError`` (status 2) on input and read errors.
    func read() throws -> Session {
        // Interrupted, a report exits at once with 128 + the signal (its output would be partial).
        SignalWatcher.start { signal in exit(128 + signal) }
        let symbols = SymbolTable()
        var session = try inputs.session(monitor, symbols: symbols)
        try inputs.checkReadable(symbols: symbols)
        var options = FollowOptions()
        if since != nil || until != nil {
            // The upper bound is exclusive: the largest double below `until`.
            let range = (since ?? -.greatestFiniteMagnitude)...((until ?? .greatestFiniteMagnitude).nextDown)
            session.setTimeRange(range)
            options.timeRange = range
        }
        let files = inputs.paths.filter { !KafkaTarget.isKafka($0) && !SummaryFileSource.isSummaries($0) }
        for path in inputs.paths where SummaryFileSource.isSummaries(path) {
            do {
                try SummaryFileSource(path, symbols: symbols, classLimit: monitor.maxCategories).readToEnd { session.apply($0) }
            } catch {
                throw AppError("\(error)")
            }
        }
        if !files.isEmpty {
            let sources = SourceGroup(inputs: files, options: options, mapping: inputs.configuration.fields, symbols: symbols)
            sources.readToEnd { session.apply($0) }
        }
        // Kafka topics: up to the high watermarks present now.
        for target in try inputs.kafkaTargets() {
            let source = KafkaSource(target: target, options: inputs.kafkaOptions, mapping: inputs.configuration.fields, symbols: symbols,
                                     featureNames: inputs.configuration.featureNames)
            source.summaryClassLimit = monitor.maxCategories
            do {
                try source.readToEnd { session.apply($0) }
            } catch {
                throw AppError("kafka: \(error)")
            }
        }
        // A read error is an error: no report from part of the input.
        let errors = session.ingest.notices.filter { $0.level == .error }.map(\.message)
        guard errors.isEmpty else { throw AppError(errors.joined(separator: "\n")) }
        session.finish()
        return session
    }
}
