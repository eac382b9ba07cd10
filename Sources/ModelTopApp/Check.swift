#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModelTopCore
import ModelTopReport
import ModelTopSystem
import ModelTopText

/// `modeltop check`: reads inputs like `report`, evaluates a policy's rules, prints the
/// results, and exits 0 (all passed), 3 (a check failed) or 4 (nothing to judge).
public struct Check {
    public enum Format: String, Sendable, CaseIterable {
        case table, json, markdown
    }

    /// How the inputs are read (`report`'s reading, exact statistics).
    public var report: Report
    public var policyPath: String
    /// Nil: a table on a terminal, else JSON.
    public var format: Format?
    /// `--junit FILE`: JUnit XML written there.
    public var junitPath: String?
    /// The process environment (`GITHUB_ACTIONS`, `GITHUB_STEP_SUMMARY`), injectable for tests.
    public var environment: [String: String]

    public init(report: Report, policyPath: String, format: Format? = nil, junitPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.report = report
        self.policyPath = policyPath
        self.format = format
        self.junitPath = junitPath
        self.environment = environment
    }

    /// Reads the policy (first, so a bad one fails before reading logs), then the inputs;
    /// prints and writes the results.
    /// - Throws: ``AppError``: status 2 for a bad policy or input, 3 when a check failed, 4
    ///   when there was nothing to judge.
    @discardableResult
    public func run() throws -> PolicyResult {
        let policy: Policy
        do {
            policy = try Policy(parsing: try SmallFile.read(policyPath), file: policyPath)
        } catch let error as TOMLError {
            throw AppError("bad policy: \(error)")
        } catch let error as SystemError {
            throw AppError("bad policy: \(policyPath): \(error.message)")
        }
        let session = try report.read()
        let events = session.ingest.total.events - session.monitor.outOfRange
        let result = PolicyResult(policy: policy, report: session.report(), events: max(events, 0))
        let chosen = format ?? (isatty(1) != 0 ? .table : .json)
        if environment["GITHUB_ACTIONS"] == "true" {
            // Annotations go where the runner reads workflow commands; JSON output keeps stdout to itself.
            let annotations = result.githubAnnotations().joined(separator: "\n")
            if !annotations.isEmpty {
                if chosen == .json { FileHandle.standardError.write(Data((annotations + "\n").utf8)) } else { try Output.write(annotations) }
            }
            if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                try append(result.markdown(), to: summary)
            }
        }
        switch chosen {
        case .table: try Output.write(result.table())
        case .json: try Output.write(result.json().rendered(pretty: true))
        case .markdown: try Output.write(result.markdown())
        }
        if let junitPath {
            do {
                try Data(result.junit().utf8).write(to: URL(fileURLWithPath: junitPath))
            } catch {
                throw AppError("--junit \(junitPath): \(error.localizedDescription)")
            }
        }
        switch result.exitStatus {
        case 3: throw AppError("\(result.count(.fail)) of \(result.items.count) checks failed", status: 3)
        case 4: throw AppError(result.events == 0 ? "no events to judge: the policy cannot pass on nothing"
                               : "\(result.count(.noData)) checks had no data (see above): the policy cannot pass on nothing", status: 4)
        default: return result
        }
    }

    /// Appends `text` to the file at `path` (GitHub's step summary).
    private func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil)
            ? FileHandle(forWritingAtPath: path) : nil)
        else { throw AppError("GITHUB_STEP_SUMMARY \(path): cannot open") }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
