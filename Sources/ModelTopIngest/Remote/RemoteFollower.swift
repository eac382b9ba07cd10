import Foundation
import Synchronization
import ModelTopCore
import ModelTopSystem

/// Follows the files of one remote host through a child process that runs ``RemoteScript``
/// there (`ssh HOST sh -c SCRIPT PATTERNS`), with the local rules: rotation by rename or
/// copytruncate, truncation, deletion, new files joining, partial lines waiting, the backlog.
///
/// Each file is known by its remote identity (device, inode) and the bytes read from it. A
/// dropped connection is retried (exponential backoff with jitter, capped) and every file
/// resumes at its offset, so nothing is lost or read twice; a file renamed meanwhile is read
/// to its end under its new name, a truncated one from its copy.
public final class RemoteFollower: @unchecked Sendable {
    public struct Options: Sendable {
        /// Bytes of each file that exists at the first round to read first (nil: all).
        public var backlog: Int? = 64 << 20
        /// Bytes of one file one round may carry.
        public var budget = 4 << 20
        /// Seconds between rounds that brought nothing.
        public var idlePause = 0.5
        /// Seconds a round may take before the connection is taken as dead.
        public var roundTimeout = 60.0
        /// First and largest wait before a reconnection.
        public var firstBackoff = 1.0
        public var maxBackoff = 30.0
        /// Seconds a renamed file is still followed after it stopped growing.
        public var rotationGrace = 5.0

        public init() {}
    }

    /// One remote file.
    private final class RemoteFile {
        let key: Key
        var path: String
        var offset: Int
        var size: Int
        var headLength = 0
        var headSum = "0"
        var reader = LineReader()
        let source: Symbol
        let sourceName: String
        var renamed = false
        var lastGrowth: Double

        init(key: Key, path: String, offset: Int, size: Int, source: Symbol, sourceName: String, now: Double) {
            self.key = key
            self.path = path
            self.offset = offset
            self.size = size
            self.source = source
            self.sourceName = sourceName
            lastGrowth = now
        }
    }

    private struct Key: Hashable {
        var device: String
        var inode: String
    }

    public let host: String
    private let node: Symbol
    private let command: [String]
    private let options: Options
    private let symbols: SymbolTable
    private let decoder: EventDecoder
    private let buffer = ReadBuffer()
    private let take: () -> DecodedBatch?
    private let deliver: (DecodedBatch) -> Void
    private let clock: () -> Double
    private var files: [Key: RemoteFile] = [:]
    private var firstRound = true
    private var status: RemoteHostStatus
    private let control = NSCondition()
    private var stopped = false
    private var childPID: pid_t = 0

    /// - Parameters:
    ///   - host: how the host is named in states (`user@host:port`).
    ///   - node: the node of events without `node`, and the first part of source names.
    ///   - command: the child to run (`ssh ... HOST 'exec sh -c SCRIPT PATTERNS'`).
    public init(host: String, node: String, command: [String], options: Options = Options(), mapping: FieldMapping,
                symbols: SymbolTable, take: @escaping () -> DecodedBatch?, deliver: @escaping (DecodedBatch) -> Void,
                clock: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.host = host
        self.node = symbols.intern(node)
        self.command = command
        self.options = options
        self.symbols = symbols
        decoder = EventDecoder(mapping: mapping, symbols: symbols)
        self.take = take
        self.deliver = deliver
        self.clock = clock
        status = RemoteHostStatus(host: host, state: .connecting)
    }

    /// The `ssh` command for `target`'s destination following `patterns` there.
    public static func sshCommand(_ target: RemoteTarget, patterns: [String], ssh: [String] = ["ssh"], options: [String] = [])
        -> [String]
    {
        ssh + ["-o", "BatchMode=yes", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-o", "ConnectTimeout=10"]
            + options.flatMap { ["-o", $0] } + target.destinationArguments + [RemoteScript.command(patterns: patterns)]
    }

    /// Connects, follows, reconnects, until ``stop()``. Runs on the caller's thread.
    public func run() {
        var backoff = options.firstBackoff
        while !isStopped {
            status.state = .connecting
            publish()
            var error: String?
            do {
                let child = try ChildProcess(command)
                control.lock()
                childPID = child.pid
                control.unlock()
                let connected = follow(child, lastError: &error)
                child.stop()
                if connected { backoff = options.firstBackoff }
            } catch {
                self.status.lastError = "cannot start \(command.first ?? "ssh"): \(error.message)"
            }
            if let error { status.lastError = error }
            guard !isStopped else { break }
            status.failures += 1
            let delay = backoff * Double.random(in: 0.5...1)
            backoff = min(backoff * 2, options.maxBackoff)
            status.state = .retrying(at: clock() + delay)
            publish()
            pause(delay)
        }
    }

    /// Ends ``run()``: kills the connection and wakes any wait.
    public func stop() {
        control.lock()
        stopped = true
        if childPID > 0 { kill(childPID, SIGKILL) }
        control.broadcast()
        control.unlock()
    }

    /// Kills the current connection; it is retried as after a network failure (for tests, and
    /// for a manual reconnect).
    public func dropConnection() {
        control.lock()
        if childPID > 0 { kill(childPID, SIGKILL) }
        control.unlock()
    }

    private var isStopped: Bool {
        control.lock()
        defer { control.unlock() }
        return stopped
    }

    private func pause(_ seconds: Double) {
        control.lock()
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !stopped && Date() < deadline { _ = control.wait(until: deadline) }
        control.unlock()
    }

    // MARK: One connection

    /// Rounds until the connection fails or ``stop()``; true when at least one round completed.
    private func follow(_ child: ChildProcess, lastError: inout String?) -> Bool {
        var stream = RemoteStream(output: child.output, error: child.error)
        var completed = false
        while !isStopped {
            do throws(SystemError) {
                try child.write(Array(request().utf8))
            } catch {
                lastError = stream.lastErrorLine(waiting: 1) ?? "connection closed"
                return completed
            }
            guard let records = stream.round(timeout: options.roundTimeout) else {
                lastError = stream.lastErrorLine(waiting: 1) ?? stream.failure ?? "connection closed"
                return completed
            }
            let progressed = apply(records)
            if !completed {
                completed = true
                status.connects += 1
                status.lastError = stream.lastErrorLine(waiting: 0)
            }
            status.state = .connected
            status.lastRound = clock()
            if !progressed {
                publish()
                pause(options.idlePause)
            }
        }
        return completed
    }

    private func request() -> String {
        var text = "POLL \(options.budget)\n"
        for file in files.values {
            text += "K \(file.key.device) \(file.key.inode) \(file.offset) \(file.headLength) \(file.headSum) \(file.path)\n"
        }
        return text + "END\n"
    }

    /// Applies one round's records; true when bytes were read.
    private func apply(_ records: [RemoteStream.Record]) -> Bool {
        guard let batch = take() else { return false }
        let now = clock()
        var progressed = false
        for record in records {
            switch record {
            case .status(let device, let inode, let size, let headLength, let headSum, let path):
                let key = Key(device: device, inode: inode)
                if let file = files[key] {
                    file.path = path
                    file.size = size
                    file.renamed = false
                    // The head as of this round: the script compares the next round's with it
                    // to tell a file that was truncated and grew again from one that grew.
                    file.headLength = headLength
                    file.headSum = headSum
                } else {
                    let file = open(key, path: path, size: size, now: now, batch: batch)
                    file.headLength = headLength
                    file.headSum = headSum
                }
            case .data(let kind, let device, let inode, let offset, let path, let bytes):
                guard let file = files[Key(device: device, inode: inode)], offset == file.offset else { continue }
                if kind == .renamed {
                    if !file.renamed { batch[statisticsOf: file.source].rotations += 1 }
                    file.renamed = true
                    file.path = path
                }
                if !bytes.isEmpty {
                    read(bytes, into: file, batch: batch, now: now)
                    progressed = true
                }
            case .quietRenamed(let device, let inode):
                guard let file = files[Key(device: device, inode: inode)] else { continue }
                if !file.renamed { batch[statisticsOf: file.source].rotations += 1 }
                file.renamed = true
                if now - file.lastGrowth >= options.rotationGrace { close(file, batch: batch, now: now, note: "rotated away") }
            case .truncated(let device, let inode):
                guard let file = files[Key(device: device, inode: inode)] else { continue }
                file.offset = 0
                file.headLength = 0
                file.headSum = "0"
                file.reader.reset()
                file.reader.atStart = true
                batch[statisticsOf: file.source].truncations += 1
            case .gone(let device, let inode):
                guard let file = files[Key(device: device, inode: inode)] else { continue }
                close(file, batch: batch, now: now, note: "deleted")
            }
        }
        firstRound = false
        status.files = files.count
        status.bytesBehind = files.values.reduce(0) { $0 + max(0, $1.size - $1.offset) }
        batch.hosts = [status]
        deliver(batch)
        return progressed
    }

    private func open(_ key: Key, path: String, size: Int, now: Double, batch: DecodedBatch) -> RemoteFile {
        let sourceName = "\(symbols.name(node)):\(SourceName.of(path: path))"
        var offset = 0
        var cut = false
        if firstRound, let backlog = options.backlog, size > backlog {
            // One byte early: when it is a newline, only it is dropped with the cut line.
            offset = size - backlog - 1
            cut = true
        }
        let file = RemoteFile(key: key, path: path, offset: offset, size: size, source: symbols.intern(sourceName),
                              sourceName: sourceName, now: now)
        if cut { file.reader.skipToNextLine() }
        file.reader.atStart = offset == 0
        files[key] = file
        batch[statisticsOf: file.source].filesOpened += 1
        return file
    }

    private func read(_ bytes: [UInt8], into file: RemoteFile, batch: DecodedBatch, now: Double) {
        let context = EventDecoder.Context(node: node, sourceName: file.sourceName, arrivalTime: now)
        var consumed = 0
        bytes.withUnsafeBytes { all in
            while consumed < all.count {
                _ = file.reader.pump(buffer: buffer, decoder: decoder, context: context, into: batch, source: file.source) { target in
                    let n = min(target.count, all.count - consumed)
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[consumed..<(consumed + n)]))
                    consumed += n
                    return n
                }
            }
        }
        file.offset += bytes.count
        file.size = max(file.size, file.offset)
        file.lastGrowth = now
    }

    private func close(_ file: RemoteFile, batch: DecodedBatch, now: Double, note: String) {
        let context = EventDecoder.Context(node: node, sourceName: file.sourceName, arrivalTime: now)
        file.reader.finish(buffer: buffer, decoder: decoder, context: context, into: batch, source: file.source)
        files[file.key] = nil
        batch.notices.append(SourceNotice(.info, "finished \(host):\(file.path) (\(note))"))
    }

    private func publish() {
        guard let batch = take() else { return }
        batch.hosts = [status]
        deliver(batch)
    }
}
