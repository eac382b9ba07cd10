import Foundation
import Synchronization
import ModelTopCore
import ModelTopSystem

/// The sources named on a command line (paths, glob patterns and `-` for standard input), read
/// on their own threads or in the caller's.
public final class SourceGroup: @unchecked Sendable {
    public let inputs: [String]
    public let options: FollowOptions
    public let mapping: FieldMapping
    public let symbols: SymbolTable
    /// Seconds a follower waits after a round that read nothing: for a change (inotify) up to
    /// `idleWait`, or it sleeps `idlePause` (polling).
    public var idlePause: Double = 0.2
    public var idleWait: Double = 1
    private var followers: [FileFollower] = []
    private var pools: [BatchPool] = []
    private let stopping = Mutex(false)

    public init(inputs: [String], options: FollowOptions, mapping: FieldMapping, symbols: SymbolTable) {
        self.inputs = inputs
        self.options = options
        self.mapping = mapping
        self.symbols = symbols
    }

    private var filePatterns: [String] { inputs.filter { $0 != "-" } }
    private var readsStandardInput: Bool { inputs.contains("-") }

    /// Inputs that cannot be read to their end: missing paths, patterns matching nothing,
    /// directories. Empty when all is well.
    public func problemsForReading() -> [String] {
        var problems: [String] = []
        for pattern in filePatterns {
            for entry in PathScan.entries(pattern) {
                switch entry {
                case .noMatch: problems.append("no file matches '\(pattern)'")
                case .unreadable(_, let error): problems.append(error.description)
                case .directory(let path, let fromPattern): if !fromPattern { problems.append("\(path) is a directory") }
                case .file(let path, _):
                    do throws(SystemError) {
                        try SystemCall.run("access", path) { access(path, R_OK) }
                    } catch {
                        problems.append(error.description)
                    }
                }
            }
        }
        return problems
    }

    /// Reads every input to its end, calling `apply` with each batch in the calling thread while
    /// a reader thread decodes the next ones. `apply` recycles the batch when done with it.
    public func readToEnd(apply: (DecodedBatch) -> Void) {
        var readOptions = self.options
        readOptions.follow = false
        let options = readOptions
        let mailbox = Mailbox<Bool>()
        let pool = BatchPool()
        let patterns = filePatterns, readsStandardInput = self.readsStandardInput
        let mapping = self.mapping, symbols = self.symbols
        let reader = Thread {
            if !patterns.isEmpty {
                let follower = FileFollower(patterns: patterns, options: options, mapping: mapping, symbols: symbols,
                                            take: { pool.take() }, deliver: { mailbox.send($0) })
                while !follower.isFinished { follower.poll(now: Date().timeIntervalSince1970) }
            }
            if readsStandardInput {
                let stream = StreamReader(descriptor: 0, name: "stdin", mapping: mapping, symbols: symbols, timeRange: options.timeRange,
                                          take: { pool.take() }, deliver: { mailbox.send($0) })
                while stream.step(now: { Date().timeIntervalSince1970 }) {}
            }
            mailbox.send(control: true)
        }
        reader.name = "modeltop-read"
        reader.start()
        while true {
            switch mailbox.receive(until: .greatestFiniteMagnitude) {
            case .batch(let batch):
                apply(batch)
            case .control, nil:
                // Control messages overtake batches: the reader's last batches may still wait.
                while case .batch(let batch)? = mailbox.receive(until: 0) { apply(batch) }
                return
            }
        }
    }

    /// Starts a thread per source kind (one for all files, one for standard input) that sends
    /// batches to `mailbox` until ``stop()``.
    public func start<Control>(sendingTo mailbox: Mailbox<Control>) {
        if !filePatterns.isEmpty {
            let pool = BatchPool()
            pools.append(pool)
            let follower = FileFollower(patterns: filePatterns, options: options, mapping: mapping, symbols: symbols,
                                        take: { pool.take() }, deliver: { mailbox.send($0) })
            followers.append(follower)
            let pause = follower.watchesDirectories ? idleWait : idlePause
            let thread = Thread { [self] in
                while !self.isStopping && !follower.isFinished {
                    if !follower.poll(now: Date().timeIntervalSince1970) { follower.waitForChange(timeout: pause) }
                }
            }
            thread.name = "modeltop-files"
            thread.start()
        }
        if readsStandardInput {
            let pool = BatchPool()
            pools.append(pool)
            let reader = StreamReader(descriptor: 0, name: "stdin", mapping: mapping, symbols: symbols, timeRange: options.timeRange,
                                      take: { pool.take() }, deliver: { mailbox.send($0) })
            let thread = Thread { [self] in
                while !self.isStopping && reader.step(now: { Date().timeIntervalSince1970 }) {}
            }
            thread.name = "modeltop-stdin"
            thread.start()
        }
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    /// Asks the source threads to stop after their current round.
    public func stop() {
        stopping.withLock { $0 = true }
        for pool in pools { pool.close() }
        for follower in followers { follower.wake() }
    }
}
