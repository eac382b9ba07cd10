#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopSystem

/// Used by one thread at a time (its source thread).
///
/// Reads and follows the files matching a list of paths and glob patterns, like `tail -F`.
///
/// - Files are identified by device and inode: a file renamed by rotation to a name that still
///   matches is the same file, not read twice.
/// - Rename-and-create rotation: the old file is read to its end (and kept for
///   ``FollowOptions/rotationGrace`` seconds for late lines), the new file is read from 0.
/// - Truncation (size below the read offset, as `copytruncate` leaves it) restarts at 0; a
///   new file whose first bytes equal those of a file already read (the copy made by
///   `copytruncate`, when the pattern matches rotated names) starts where reading had got to.
/// - Deleted files are read to their end and closed; compressed files are skipped with a notice.
/// - A partial last line waits for its newline.
///
/// ``poll(now:)`` does one round and returns whether it read anything; a source thread calls it
/// in a loop with a pause when idle. Batches come from `take` and go to `deliver`.
public final class FileFollower: @unchecked Sendable {
    private struct FileKey: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private final class TrackedFile {
        let key: FileKey
        var path: String
        let descriptor: Int32
        let source: Symbol
        let sourceName: String
        let isStream: Bool
        var offset: Int64 = 0
        var reader = LineReader()
        var matched = true
        var atEnd = false
        var lastGrowth: Double
        /// The newest event time read from this file (for reading files in time order).
        var latestEventTime = -Double.infinity
        var budget = 0
        var head: [UInt8] = []

        init(key: FileKey, path: String, descriptor: Int32, source: Symbol, sourceName: String, isStream: Bool,
             now: Double) {
            self.key = key
            self.path = path
            self.descriptor = descriptor
            self.source = source
            self.sourceName = sourceName
            self.isStream = isStream
            self.lastGrowth = now
        }
    }

    /// Head bytes of files read before, with how far they had been read, to recognise copies.
    private struct ReadHead {
        var head: [UInt8]
        var offset: Int64
    }

    private static let headLength = 1024
    private static let minimumHeadForCopies = 32

    public let patterns: [String]
    public let options: FollowOptions
    private let decoder: EventDecoder
    private let symbols: SymbolTable
    private let buffer: ReadBuffer
    private let take: () -> DecodedBatch?
    private let deliver: (DecodedBatch) -> Void
    private var files: [TrackedFile] = []
    /// The latest event time of each source, carried over to the file that replaces a rotated one.
    private var sourceTimes: [Symbol: Double] = [:]
    private var truncatedHeads: [ReadHead] = []
    private var ignored = Set<FileKey>()
    private var warned = Set<String>()
    private var firstScan = true
    private var batch: DecodedBatch?
    private var stopped = false

    /// True once a non-following follower has read everything, or after the pool closed.
    public private(set) var isFinished = false

    /// - Parameters:
    ///   - patterns: paths and glob patterns, re-expanded on every poll when following.
    ///   - take: a free batch (blocking for backpressure), or nil to stop.
    ///   - deliver: hands a filled batch to the consumer.
    public init(
        patterns: [String], options: FollowOptions, mapping: FieldMapping, symbols: SymbolTable,
        take: @escaping () -> DecodedBatch?, deliver: @escaping (DecodedBatch) -> Void
    ) {
        self.patterns = patterns
        self.options = options
        self.symbols = symbols
        self.decoder = EventDecoder(mapping: mapping, symbols: symbols)
        self.buffer = ReadBuffer()
        self.take = take
        self.deliver = deliver
    }

    deinit {
        for file in files { close(file.descriptor) }
    }

    /// One round: expand the patterns, open new files, read what every file has, close finished
    /// files, deliver what was decoded.
    /// - Parameter now: the wall-clock time in seconds since the epoch (arrival time of lines
    ///   without `ts`, and the rotation grace period).
    /// - Returns: true when any bytes were read.
    @discardableResult
    public func poll(now: Double) -> Bool {
        guard !isFinished else { return false }
        if firstScan || options.follow { scan(now: now) }
        var progressed = false
        for file in files { prepare(file) }
        // Files are read a chunk at a time, always the one that is furthest behind in event
        // time, so that several files with a history (a backlog, a report, a replay) arrive
        // merged by time: label joins and panes see one timeline, not one file after another.
        while !stopped,
            let file = files.filter({ !$0.atEnd && $0.budget > 0 }).min(by: { $0.latestEventTime < $1.latestEventTime })
        {
            if readChunk(file, now: now) { progressed = true }
        }
        closeFinished(now: now)
        firstScan = false
        if !options.follow && files.isEmpty { isFinished = true }
        if stopped { isFinished = true }
        ship()
        return progressed
    }

    /// The paths being read now.
    public var openPaths: [String] { files.map(\.path) }

    // MARK: Discovery

    private func scan(now: Double) {
        var matched = Set<FileKey>()
        var discovered: [(path: String, status: stat)] = []
        for pattern in patterns {
            for entry in PathScan.entries(pattern) {
                let path: String, status: stat
                switch entry {
                case .noMatch:
                    warnOnce(pattern, "no file matches '\(pattern)' yet")
                    continue
                case .unreadable(let p, let error):
                    warnOnce(p, "waiting for \(p): \(error.message)")
                    continue
                case .directory(let p, _):
                    warnOnce(p, "\(p) is a directory; give a pattern such as '\(p)/*.jsonl'")
                    continue
                case .file(let p, let s):
                    (path, status) = (p, s)
                }
                let key = FileKey(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
                if ignored.contains(key) { continue }
                matched.insert(key)
                if let file = files.first(where: { $0.key == key }) {
                    file.path = path
                } else if !discovered.contains(where: { $0.status.st_ino == status.st_ino && $0.status.st_dev == status.st_dev }) {
                    discovered.append((path, status))
                }
            }
        }
        for file in files {
            let stillMatched = matched.contains(file.key)
            if file.matched && !stillMatched && !file.isStream {
                withBatch { batch in batch[statisticsOf: file.source].rotations += 1 }
            }
            file.matched = stillMatched
        }
        if firstScan {
            discovered.sort { ($0.status.st_mtim.tv_sec, $0.status.st_mtim.tv_nsec, $0.path)
                < ($1.status.st_mtim.tv_sec, $1.status.st_mtim.tv_nsec, $1.path) }
        }
        for (path, _) in discovered { open(path: path, now: now) }
    }

    private func open(path: String, now: Double) {
        var status = stat()
        guard (try? SystemCall.run("stat", path, { stat(path, &status) })) != nil else { return }
        let isStream = (status.st_mode & S_IFMT) == S_IFIFO || (status.st_mode & S_IFMT) == S_IFCHR
        let descriptor: Int32
        do {
            descriptor = try SystemCall.run("open", path) { Glibc.open(path, O_RDONLY | O_CLOEXEC | (isStream ? O_NONBLOCK : 0)) }
        } catch {
            warnOnce(path, "cannot open \(error)")
            return
        }
        guard (try? SystemCall.run("fstat", path, { fstat(descriptor, &status) })) != nil else {
            close(descriptor)
            return
        }
        let key = FileKey(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        guard !files.contains(where: { $0.key == key }) else {
            close(descriptor)
            return
        }
        if !isStream, let format = Self.compression(of: descriptor) {
            ignored.insert(key)
            close(descriptor)
            note(.info, "skipping \(path): \(format)-compressed")
            return
        }
        let name = SourceName.of(path: path)
        let file = TrackedFile(key: key, path: path, descriptor: descriptor, source: symbols.intern(name),
                               sourceName: name, isStream: isStream, now: now)
        if !isStream {
            file.head = Self.readHead(descriptor)
            let size = Int64(status.st_size)
            if firstScan {
                if options.follow, let backlog = options.backlog, size > Int64(backlog) {
                    file.offset = size - Int64(backlog)
                    var previous: UInt8 = 0
                    let offset = off_t(file.offset - 1)
                    if (try? SystemCall.run("pread", path, { pread(descriptor, &previous, 1, offset) })) != 1 || previous != 0x0a {
                        file.reader.skipToNextLine()
                    }
                }
            } else if let offset = copyOffset(of: file.head) {
                file.offset = min(offset, size)
                note(.info, "\(path) is a copy of a file already read; reading from byte \(file.offset)")
            }
        }
        withBatch { batch in batch[statisticsOf: file.source].filesOpened += 1 }
        file.reader.sourceTime = sourceTimes[file.source]
        files.append(file)
    }

    /// Where to start a new file that begins like a file read before (a copy), if any.
    private func copyOffset(of head: [UInt8]) -> Int64? {
        var best: ReadHead?
        let candidates = truncatedHeads + files.filter { !$0.isStream }.map { ReadHead(head: $0.head, offset: $0.offset) }
        for candidate in candidates where candidate.head.count >= Self.minimumHeadForCopies
            && head.count >= candidate.head.count && head.starts(with: candidate.head)
            && candidate.head.count > (best?.head.count ?? 0)
        {
            best = candidate
        }
        return best?.offset
    }

    /// The first `count` bytes of a file (fewer when it is shorter or unreadable).
    private static func prefix(of descriptor: Int32, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = (try? bytes.withUnsafeMutableBytes { buffer throws(SystemError) in
            try SystemCall.run("pread") { pread(descriptor, buffer.baseAddress, count, 0) }
        }) ?? 0
        return Array(bytes.prefix(n))
    }

    private static func readHead(_ descriptor: Int32) -> [UInt8] {
        prefix(of: descriptor, count: headLength)
    }

    private static func compression(of descriptor: Int32) -> String? {
        let magic = prefix(of: descriptor, count: 6)
        let n = magic.count
        guard n >= 3 else { return nil }
        if magic[0] == 0x1f && magic[1] == 0x8b { return "gzip" }
        if magic[0] == 0x42 && magic[1] == 0x5a && magic[2] == 0x68 { return "bzip2" }
        if n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd { return "zstd" }
        if n == 6 && magic == [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] { return "xz" }
        return nil
    }

    // MARK: Reading

    /// Checks `file` for truncation before a round of reading.
    private func prepare(_ file: TrackedFile) {
        file.atEnd = false
        file.budget = options.follow ? options.bytesPerPoll : Int.max
        if !file.isStream {
            var status = stat()
            guard (try? SystemCall.run("fstat", file.path, { fstat(file.descriptor, &status) })) != nil else { return }
            let size = Int64(status.st_size)
            if size < file.offset {
                truncatedHeads.append(ReadHead(head: file.head, offset: file.offset))
                if truncatedHeads.count > 16 { truncatedHeads.removeFirst() }
                file.offset = 0
                file.reader.reset()
                file.head = []
                withBatch { batch in batch[statisticsOf: file.source].truncations += 1 }
                note(.info, "\(file.path) was truncated; reading it again from the start")
            }
            if file.head.count < Self.headLength && size > Int64(file.head.count) {
                file.head = Self.readHead(file.descriptor)
            }
        }
    }

    /// Reads one chunk of `file`; returns true when bytes were read.
    private func readChunk(_ file: TrackedFile, now: Double) -> Bool {
        guard let batch = currentBatch() else { return false }
        let context = EventDecoder.Context(node: file.source, sourceName: file.sourceName, arrivalTime: now,
                                           timeRange: options.timeRange)
        let first = batch.events.events.count
        let limit = min(options.readSize, file.budget)
        let n = file.reader.pump(buffer: buffer, decoder: decoder, context: context, into: batch,
                                 source: file.source) { target in
            let count = min(target.count, limit)
            do {
                let read = file.isStream
                    ? try SystemCall.nonBlocking("read", file.path) { Glibc.read(file.descriptor, target.baseAddress, count) }
                    : try SystemCall.run("pread", file.path) { pread(file.descriptor, target.baseAddress, count, off_t(file.offset)) }
                return read ?? -1
            } catch {
                return -1
            }
        }
        if n <= 0 {
            file.atEnd = true
            if n == 0 && file.isStream { file.matched = false }
            return false
        }
        for event in batch.events.events[first...] where event.time > file.latestEventTime {
            file.latestEventTime = event.time
        }
        if let time = file.reader.sourceTime { sourceTimes[file.source] = time }
        file.offset += Int64(n)
        file.lastGrowth = now
        file.budget -= n
        if batch.events.events.count >= options.batchEvents { ship() }
        return true
    }

    private func closeFinished(now: Double) {
        var closed: [Symbol] = []
        files.removeAll { file in
            guard file.atEnd, !file.matched || !options.follow else { return false }
            var status = stat()
            let deleted = (try? SystemCall.run("fstat", file.path, { fstat(file.descriptor, &status) })) != nil
                && status.st_nlink == 0
            let idle = now - file.lastGrowth >= options.rotationGrace
            guard !options.follow || deleted || idle || file.isStream else { return false }
            if let batch = currentBatch() {
                let context = EventDecoder.Context(node: file.source, sourceName: file.sourceName, arrivalTime: now,
                                                   timeRange: options.timeRange)
                file.reader.finish(buffer: buffer, decoder: decoder, context: context, into: batch, source: file.source)
                if options.follow && !file.isStream {
                    note(.info, "finished \(file.path) (\(deleted ? "deleted" : "rotated away"))")
                }
            }
            closed.append(file.source)
            close(file.descriptor)
            return true
        }
        // Read to its end and not followed: a source with no file left has sent all it had.
        if !options.follow, let batch = currentBatch() {
            for source in Set(closed) where !files.contains(where: { $0.source == source }) {
                batch.finishedSources.append(source)
            }
        }
    }

    // MARK: Batches

    private func currentBatch() -> DecodedBatch? {
        if let batch { return batch }
        guard !stopped, let fresh = take() else {
            stopped = true
            return nil
        }
        batch = fresh
        return fresh
    }

    private func withBatch(_ body: (DecodedBatch) -> Void) {
        if let batch = currentBatch() { body(batch) }
    }

    private func ship() {
        guard let batch, !batch.isEmpty else { return }
        self.batch = nil
        deliver(batch)
    }

    private func note(_ level: SourceNotice.Level, _ message: String) {
        withBatch { $0.notices.append(SourceNotice(level, message)) }
    }

    private func warnOnce(_ key: String, _ message: String) {
        guard warned.insert(key).inserted else { return }
        note(.warning, message)
    }
}
