#if canImport(Glibc)
import Glibc
#endif
import Foundation
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
    /// `--post URL`: NDJSON bodies of about 256 KiB POSTed to modeltop's receiver instead of
    /// standard output (labels and every node's lines alike; the line names its node).
    public var postURL: String?
    /// The receiver's bearer token (`--token-file`).
    public var token: String?
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
        let poster = try postURL.map { try HTTPPoster(url: $0, token: token) }
        var buffers = Array(repeating: [UInt8](), count: outputs.count + 1)
        func flush() throws {
            if let poster {
                if !buffers[0].isEmpty { try poster.post(buffers[0]) }
                buffers[0].removeAll(keepingCapacity: true)
                return
            }
            for i in buffers.indices where !buffers[i].isEmpty {
                let fd = outputs.isEmpty ? STDOUT_FILENO : i < outputs.count ? outputs[i] : labels
                try Self.writeAll(buffers[i], to: fd)
                buffers[i].removeAll(keepingCapacity: true)
            }
        }
        let wallStart = clock()
        var scratch: [UInt8] = []
        var written = 0
        while true {
            scratch.removeAll(keepingCapacity: true)
            guard let (time, destination) = generator.next(into: &scratch) else { break }
            let index: Int
            switch destination {
            case .node(let n): index = outputs.isEmpty ? 0 : n
            case .labels: index = outputs.isEmpty ? 0 : outputs.count
            }
            buffers[index] += scratch
            written += 1
            // Pacing: event time at `speed`, lines at `rate`.
            var due = wallStart
            if speed.isFinite { due = max(due, wallStart + time / speed) }
            if let rate { due = max(due, wallStart + Double(written) / rate) }
            let now = clock()
            if due > now + 0.001 {
                try flush()
                sleep(due - now)
            } else if buffers[index].count >= (poster == nil ? 1 << 16 : 1 << 18) {
                try flush()
            }
        }
        try flush()
    }

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
