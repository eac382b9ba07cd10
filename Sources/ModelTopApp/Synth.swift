#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import ModelTopIngest
import ModelTopServer
import ModelTopSynth
import ModelTopSystem

/// `modeltop synth SCENARIO.toml`: the scenario's traffic as NDJSON, to standard output or a
/// file per node (`--out DIR`), in event time as fast as possible or paced.
public struct Synth {
    public var scenarioPath: String
    public var seed: UInt64?
    public var duration: Double?
    /// `--out DIR`: NODE.jsonl per node, labels.jsonl, reference/MODEL.jsonl.
    public var outDirectory: String?
    /// `--truth FILE`: the incidents' ground truth, a JSON line each.
    public var truthPath: String?
    /// Event seconds per wall second (infinity: as fast as possible).
    public var speed: Double = .infinity
    /// Lines per wall second at most (nil: no limit).
    public var rate: Double?
    /// `--post URL` (http or https): NDJSON bodies of about 256 KiB POSTed to modeltop's receiver instead of
    /// standard output (labels and every node's lines alike; the line names its node).
    public var postURL: String?
    /// The receiver's bearer token (`--token-file`).
    public var token: String?
    /// With an https `postURL`: the certificates to trust instead of the system's (`--ca-file`).
    public var caFile: String?
    /// The wall clock (injectable for tests) and how to wait.
    public var clock: () -> Double = { Date().timeIntervalSince1970 }
    public var sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }

    public init(scenarioPath: String) {
        self.scenarioPath = scenarioPath
    }

    /// Writes the traffic.
    /// - Throws: ``AppError`` (status 2) for a bad scenario or an output that cannot be written.
    public func run() throws {
        let scenario: Scenario
        do {
            scenario = try Scenario(contentsOf: scenarioPath)
        } catch {
            throw AppError("bad scenario: \(error)")
        }
        var generator = SynthGenerator(scenario, seed: seed, duration: duration)
        var outputs: [Int32] = []
        var labels: Int32 = STDOUT_FILENO
        if let outDirectory {
            do {
                try FileManager.default.createDirectory(atPath: outDirectory + "/reference", withIntermediateDirectories: true)
            } catch {
                throw AppError("--out \(outDirectory): \(error.localizedDescription)")
            }
            for (m, model) in scenario.models.enumerated() where model.referenceSize > 0 {
                try Self.write(generator.reference(m), to: "\(outDirectory)/reference/\(model.name).jsonl")
            }
            outputs = try scenario.nodes.map { try Self.open("\(outDirectory)/\($0).jsonl") }
            labels = try Self.open("\(outDirectory)/labels.jsonl")
        }
        if let truthPath { try Self.write(scenario.truthLines(), to: truthPath) }
        defer {
            for fd in outputs + (outDirectory != nil ? [labels] : []) { close(fd) }
        }
        let poster: HTTPPoster?
        do {
            poster = try postURL.map { url throws(HTTPPoster.Failure) in try HTTPPoster(url: url, token: token, caFile: caFile) }
        } catch {
            throw AppError(error.description)
        }
        var buffers = Array(repeating: [UInt8](), count: outputs.count + 1)
        // Bytes gathered before a write (files, standard output) or a request (--post).
        let flushAt = poster == nil ? 1 << 20 : 1 << 18
        func flush() throws {
            if let poster {
                do {
                    if !buffers[0].isEmpty { try poster.post(buffers[0]) }
                } catch {
                    throw AppError(error.description)
                }
                buffers[0].removeAll(keepingCapacity: true)
                return
            }
            for i in buffers.indices where !buffers[i].isEmpty {
                let fd = outputs.isEmpty ? STDOUT_FILENO : i < outputs.count ? outputs[i] : labels
                try Self.writeAll(buffers[i], to: fd)
                buffers[i].removeAll(keepingCapacity: true)
            }
        }
        // Interrupted (Ctrl-C, SIGTERM), the whole lines generated so far are written and it
        // exits with 128 + the signal; a second signal exits at once.
        SignalWatcher.start { signal in
            if Self.stopSignal.exchange(signal, ordering: .relaxed) != 0 { exit(128 + signal) }
        }
        let wallStart = clock()
        var scratch: [UInt8] = []
        var written = 0
        while Self.stopSignal.load(ordering: .relaxed) == 0 {
            let index: Int, time: Double
            if outputs.isEmpty {
                // One output: lines go straight into its buffer.
                guard let (t, _) = generator.next(into: &buffers[0]) else { break }
                (index, time) = (0, t)
            } else {
                scratch.removeAll(keepingCapacity: true)
                guard let (t, destination) = generator.next(into: &scratch) else { break }
                switch destination {
                case .node(let n): index = n
                case .labels: index = outputs.count
                }
                buffers[index] += scratch
                time = t
            }
            written += 1
            // Pacing: event time at `speed`, lines at `rate`.
            guard speed.isFinite || rate != nil else {
                if buffers[index].count >= flushAt { try flush() }
                continue
            }
            var due = wallStart
            if speed.isFinite { due = max(due, wallStart + time / speed) }
            if let rate { due = max(due, wallStart + Double(written) / rate) }
            let now = clock()
            if due > now + 0.001 {
                try flush()
                // In slices, so that a signal is seen within a tenth of a second.
                var left = due - now
                while left > 0, Self.stopSignal.load(ordering: .relaxed) == 0 {
                    sleep(min(left, 0.1))
                    left -= 0.1
                }
            } else if buffers[index].count >= flushAt {
                try flush()
            }
        }
        try flush()
        let signal = Self.stopSignal.load(ordering: .relaxed)
        if signal != 0 { throw AppError.interrupted(by: signal) }
    }

    /// The signal that stopped the run (0: none).
    private static let stopSignal = Atomic<Int32>(0)

    private static func open(_ path: String) throws -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AppError("\(path): \(String(cString: strerror(errno)))") }
        return fd
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = try open(path)
        defer { close(fd) }
        try writeAll(bytes, to: fd)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        do {
            try SystemCall.writeAll(bytes, to: fd)
        } catch {
            throw AppError("cannot write the output: \(error)")
        }
    }
}
