import ModelTopCore
import ModelTopIngest

/// What a command reads: log paths, patterns or `-`, the `--config` file's contents, and the
/// reference files.
public struct Inputs: Sendable {
    public var paths: [String]
    public var configuration: Configuration
    public var references: [String]
    /// `--baseline-version`: what each model's other versions are compared with.
    public var baselineVersion: String?

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
        let check = SourceGroup(inputs: paths, options: FollowOptions(), mapping: configuration.fields, symbols: symbols)
        let problems = check.problemsForReading()
        guard problems.isEmpty else { throw AppError(problems.joined(separator: "\n")) }
    }
}
