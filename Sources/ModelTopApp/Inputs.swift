import ModelTopCore
import ModelTopIngest
import ModelTopKafka

/// What a command reads: log paths, patterns or `-`, the `--config` file's contents, and the
/// reference files.
public struct Inputs: Sendable {
    public var paths: [String]
    public var configuration: Configuration
    public var references: [String]
    /// `--baseline-version`: what each model's other versions are compared with.
    public var baselineVersion: String?
    /// `--kafka-option KEY=VALUE`: librdkafka settings for `kafka://` sources.
    public var kafkaOptions: [(String, String)] = []

    /// The `kafka://` sources among the paths.
    /// - Throws: ``AppError`` for a malformed URL.
    public func kafkaTargets() throws -> [KafkaTarget] {
        try paths.filter(KafkaTarget.isKafka).map { path in
            do {
                return try KafkaTarget(path)
            } catch {
                throw AppError("\(error)")
            }
        }
    }

    public init(paths: [String], configuration: Configuration = Configuration(), references: [String] = []) {
        self.paths = paths
        self.configuration = configuration
        self.references = references
    }

    /// Reads `--config FILE` (nil: the defaults).
    /// - Throws: ``AppError`` naming the file, line and key.
    public static func configuration(file: String?) throws -> Configuration {
        guard let file else { return Configuration() }
        do {
            return try Configuration(contentsOf: file)
        } catch {
            throw AppError("bad configuration: \(error)")
        }
    }

    /// A session over a monitor with `configuration`, the reference files read in.
    /// - Throws: ``AppError`` when a reference file cannot be read.
    func session(_ configuration: MonitorConfiguration, symbols: SymbolTable) throws -> Session {
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        if !references.isEmpty {
            let group = SourceGroup(inputs: references, options: FollowOptions(), mapping: self.configuration.fields,
                                    symbols: symbols)
            let problems = group.problemsForReading()
            guard problems.isEmpty else { throw AppError("reference: " + problems.joined(separator: "\n")) }
            group.readToEnd { batch in
                monitor.addReference(batch.events)
                batch.recycle()
            }
            monitor.finishReferences()
        }
        var session = Session(monitor: monitor)
        session.baselineVersion = baselineVersion
        return session
    }

    /// Fails when an input cannot be read to its end.
    func checkReadable(symbols: SymbolTable) throws {
        let files = paths.filter { !KafkaTarget.isKafka($0) && !SummaryFileSource.isSummaries($0) }
        guard !files.isEmpty else { return }
        let check = SourceGroup(inputs: files, options: FollowOptions(), mapping: configuration.fields, symbols: symbols)
        let problems = check.problemsForReading()
        guard problems.isEmpty else { throw AppError(problems.joined(separator: "\n")) }
    }
}
