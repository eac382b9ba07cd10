import Foundation
import ModelTopCore
import Synchronization

/// A file of pane summaries (`panes:FILE`, written by `watch --no-tui --emit-panes FILE`): read
/// to its end (`report`), or followed as the worker appends to it (`watch`, checked four times a
/// second). A file that shrinks was started again by its worker: it is read from its start
/// (what the worker's previous run wrote was already merged, and stays).
public final class SummaryFileSource: @unchecked Sendable {
    public let path: String
    private let symbols: SymbolTable
    private let classLimit: Int
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    /// The prefix that marks a summary source among paths.
    public static let prefix = "panes:"

    public static func isSummaries(_ path: String) -> Bool { path.hasPrefix(prefix) && !path.hasPrefix(prefix + "kafka") }

    /// `panes:FILE`.
    public init(_ argument: String, symbols: SymbolTable, classLimit: Int) {
        path = String(argument.dropFirst(Self.prefix.count))
        self.symbols = symbols
        self.classLimit = classLimit
    }

    /// Reads the whole file into `apply`, a batch per read.
    /// - Throws: an error naming the file when it cannot be read or holds something else.
    public func readToEnd(_ apply: (DecodedBatch) -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SummarySourceError("\(path): cannot open") }
        defer { try? handle.close() }
        var stream = SummaryStream(symbols: symbols, classLimit: classLimit)
        let name = symbols.intern(Self.prefix + path)
        while true {
            let data = try handle.read(upToCount: 4 << 20) ?? Data()
            if data.isEmpty { break }
            let batch = DecodedBatch()
            do {
                batch.summaries = try stream.append(data)
            } catch {
                throw SummarySourceError("\(path): \(error) (after \(stream.blocks) blocks)")
            }
            batch[statisticsOf: name].bytes += data.count
            apply(batch)
        }
        guard stream.pending == 0 else { throw SummarySourceError("\(path): ends inside a block (\(stream.pending) bytes)") }
    }

    /// Follows the file on a thread of its own until ``stop()``.
    public func start(take: @escaping @Sendable () -> DecodedBatch?, deliver: @escaping @Sendable (DecodedBatch) -> Void) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            follow(take: take, deliver: deliver)
        }
        thread.name = "modeltop-panes"
        self.thread = thread
        thread.start()
    }

    private func follow(take: () -> DecodedBatch?, deliver: (DecodedBatch) -> Void) {
        let name = symbols.intern(Self.prefix + path)
        var stream = SummaryStream(symbols: symbols, classLimit: classLimit)
        var offset: UInt64 = 0
        var waitingSaid = false, failed = false
        func tell(_ level: SourceNotice.Level, _ text: String) {
            guard let batch = take() else { return }
            batch.notices.append(SourceNotice(level, text))
            deliver(batch)
        }
        while !stopped.load(ordering: .relaxed) {
            defer { Thread.sleep(forTimeInterval: 0.25) }
            guard !failed, let handle = FileHandle(forReadingAtPath: path) else {
                if !waitingSaid, !failed { tell(.warning, "\(path): cannot open (waiting for it)") }
                waitingSaid = true
                continue
            }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            if size < offset {
                tell(.warning, "\(path): shrank from \(offset) to \(size) bytes: read again from its start")
                offset = 0
                stream = SummaryStream(symbols: symbols, classLimit: classLimit)
            }
            guard size > offset, (try? handle.seek(toOffset: offset)) != nil else { continue }
            while !stopped.load(ordering: .relaxed), let data = try? handle.read(upToCount: 4 << 20), !data.isEmpty {
                offset += UInt64(data.count)
                guard let batch = take() else { return }
                do {
                    batch.summaries = try stream.append(data)
                } catch {
                    batch.notices.append(SourceNotice(.error, "\(path): \(error) (after \(stream.blocks) blocks; not read further)"))
                    failed = true
                }
                batch[statisticsOf: name].bytes += data.count
                deliver(batch)
                if failed { break }
            }
        }
    }

    /// Asks the thread to stop and waits for it (a second at most).
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed), thread != nil else { return }
        _ = finished.wait(timeout: .now() + 1)
    }
}

/// A `panes:` source that cannot be read.
public struct SummarySourceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
