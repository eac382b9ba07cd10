#if canImport(Glibc)
import Glibc
#endif
import Foundation
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
/// - Truncation (size below the read offset, as `copytruncate` leaves it) restarts at 0. The
///   lines written between the last read and the copy are read from the copy: a matched file
///   whose first bytes equal those of a file already read starts where reading had got to (of a
///   file still followed: where its reading stopped at its truncation, so lines read from the
///   original after the copy appeared are not read again from the copy), and
///   when the copy is not matched (a single path followed) it is found beside the file
///   (`app.jsonl.1`, `app.jsonl-20261127`) and read from there.
/// - Deleted files are read to their end and closed; compressed files are skipped with a notice.
/// - A partial last line waits for its newline; a UTF-8 byte order mark at a file's start is
///   skipped.
/// - Following, changes are learned from inotify (``DirectoryWatcher``): quiet files cost no
///   system call, and a full rescan runs every ``FileFollower/fullScanInterval`` seconds as a
///   safety net. Without inotify every file is checked on every poll.
/// - Reading to the end (`report`), at most ``FollowOptions/maxOpenFiles`` files are open at
///   once: more are read in the order of their first event time, opened as others finish, and
///   reading stops with an error when one would start before events already read (the files
///   overlap in time and cannot be merged that way).
/// - Read errors are errors (a notice of level error), never an early end of file.
///
/// ``poll(now:)`` does one round and returns whether it read anything; a source thread calls it
/// in a loop and ``waitForChange(timeout:)`` when idle. Batches come from `take` and go to
/// `deliver`.
public final class FileFollower: @unchecked Sendable {
    private struct FileKey: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    private final class TrackedFile {
        let key: FileKey
        var path: String {
            didSet { if path != oldValue { watchPath = FileFollower.watchPath(path) } }
        }
        /// The path as inotify names it (computed once per path, not once per poll).
        private(set) var watchPath: String
        let descriptor: Int32
        let source: Symbol
        let sourceName: String
        let isStream: Bool
        var offset: Int64 = 0
        var reader = LineReader()
        var matched = true
        var atEnd = false
        var failed = false
        var lastGrowth: Double
        /// The newest event time read from this file (for reading files in time order).
        var latestEventTime = -Double.infinity
        var budget = 0
        var head: [UInt8] = []
        /// A copy still being written (seen mid-copy): not read, nor taken as truncated, until it
        /// is this long.
        var copyTarget: Int64?
        /// A new file too short to tell whether it is a copy being written: not read until its
        /// first bytes decide it (or it stops growing), since when.
        var undecidedSince: Double?
        /// Truncations seen, and how far the file had been read at the last one.
        var truncations = 0
        var offsetAtTruncation: Int64 = 0
        /// A copy of a file still followed (`copytruncate` copies before it truncates): not read
        /// until the original's truncation says where reading of it stopped.
        var copyOf: (original: TrackedFile, truncations: Int, since: Double)?

        init(key: FileKey, path: String, descriptor: Int32, source: Symbol, sourceName: String, isStream: Bool,
             now: Double) {
            self.key = key
            self.path = path
            self.watchPath = FileFollower.watchPath(path)
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
        /// The file, while it is still followed (its offset still moves).
        var file: TrackedFile? = nil
    }

    /// A file waiting for an open slot (reading to the end over the open-file limit).
    private struct Waiting {
        var path: String
        var firstEventTime: Double
    }

    private static let headLength = 1024
    private static let minimumHeadForCopies = 32
    /// Seconds between full rescans of the patterns when inotify reports changes.
    public static let fullScanInterval = 10.0

    public let patterns: [String]
    public let options: FollowOptions
    private let decoder: EventDecoder
    private let symbols: SymbolTable
    private let buffer: ReadBuffer
    private let take: () -> DecodedBatch?
    private let deliver: (DecodedBatch) -> Void
    private var files: [TrackedFile] = []
    private var byKey: [FileKey: TrackedFile] = [:]
    private var waiting: [Waiting] = []
    /// The newest event time delivered (for the order of files opened late).
    private var deliveredThrough = -Double.infinity
    private var truncatedHeads: [ReadHead] = []
    /// Copies read after a truncation, and how far.
    private var recovered: [FileKey: Int64] = [:]
    private var ignored = Set<FileKey>()
    private var warned = Set<String>()
    /// The latest event time of each source, carried over to the file that replaces a rotated one.
    private var sourceTimes: [Symbol: Double] = [:]
    private var firstScan = true
    private var lastFullScan = -Double.infinity
    private var batch: DecodedBatch?
    private var stopped = false
    private let watcher: DirectoryWatcher?

    /// True once a non-following follower has read everything, or after the pool closed.
    public private(set) var isFinished = false

    /// - Parameters:
    ///   - patterns: paths and glob patterns, re-expanded when following.
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
        watcher = options.follow && options.useInotify ? DirectoryWatcher() : nil
    }

    deinit {
        for file in files { close(file.descriptor) }
    }

    /// True when changes are learned from inotify rather than by checking every file.
    public var watchesDirectories: Bool { watcher != nil }

    /// One round: expand the patterns (when something was created, moved or deleted, or the
    /// safety interval passed), read what the changed files have, close finished files,
    /// deliver what was decoded.
    /// - Parameter now: the wall-clock time in seconds since the epoch (arrival time of lines
    ///   without `ts`, and the rotation grace period).
    /// - Returns: true when any bytes were read.
    /// - Complexity: O(files) plus the system calls of the files that changed (all files when
    ///   polling without inotify).
    @discardableResult
    public func poll(now: Double) -> Bool {
        guard !isFinished else { return false }
        let changes = watcher?.drain()
        let fullScan = firstScan || (options.follow
            && (watcher == nil || changes?.needsScan == true || now - lastFullScan >= Self.fullScanInterval))
        if fullScan {
            scan(now: now)
            lastFullScan = now
        }
        let active: [TrackedFile]
        if let changes, !fullScan {
            let modified = changes.modified
            active = files.filter {
                !$0.atEnd || $0.isStream || !$0.matched || $0.undecidedSince != nil || $0.copyTarget != nil
                    || (!modified.isEmpty && modified.contains($0.watchPath))
            }
        } else {
            active = files
        }
        var progressed = false
        for file in active { prepare(file, now: now) }
        // Files are read a chunk at a time, always the one that is furthest behind in event
        // time, so that several files with a history (a backlog, a report, a replay) arrive
        // merged by time: label joins and panes see one timeline, not one file after another.
        var queue = Heap<TrackedFile> { $0.latestEventTime < $1.latestEventTime }
        for file in active where !file.atEnd && file.budget > 0 { queue.insert(file) }
        while !stopped, let file = queue.popMin() {
            if readChunk(file, now: now) { progressed = true }
            if !file.atEnd && file.budget > 0 { queue.insert(file) }
        }
        closeFinished(now: now)
        firstScan = false
        if !options.follow && files.isEmpty && waiting.isEmpty { isFinished = true }
        if stopped { isFinished = true }
        ship()
        return progressed
    }

    /// Waits until a followed file may have changed (inotify), or `timeout` seconds (polling).
    public func waitForChange(timeout: Double) {
        if let watcher {
            watcher.wait(timeout: timeout)
        } else {
            Thread.sleep(forTimeInterval: timeout)
        }
    }

    /// Ends a ``waitForChange(timeout:)`` at once (from any thread).
    public func wake() {
        watcher?.wake()
    }

    /// The paths being read now.
    public var openPaths: [String] { files.map(\.path) }

    /// The event time that every event still to be read is at least, when each file is in time
    /// order: the oldest of the newest times read from the files not at their end, and the
    /// first times of files waiting to be opened. -infinity until every open file has given
    /// an event; +infinity when nothing is left. What a replay hands over in time order.
    /// - Complexity: O(files).
    public var readThrough: Double {
        var through = Double.infinity
        for file in files where !file.atEnd { through = min(through, file.latestEventTime) }
        for file in waiting { through = min(through, file.firstEventTime) }
        return through
    }

    /// The path inotify reports for `path`: its directory (`.` when none) and its name.
    fileprivate static func watchPath(_ path: String) -> String {
        directory(of: path) + "/" + (path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path)
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    // MARK: Discovery

    private func scan(now: Double) {
        var matched = Set<FileKey>()
        var discovered: [(path: String, status: stat)] = []
        var discoveredKeys = Set<FileKey>()
        for pattern in patterns {
            if let watcher, !Glob.isPattern(Self.directory(of: pattern)) { watcher.watch(directory: Self.directory(of: pattern)) }
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
                let key = FileKey(status)
                if ignored.contains(key) { continue }
                matched.insert(key)
                if let file = byKey[key] {
                    file.path = path
                } else if discoveredKeys.insert(key).inserted {
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
        let room = options.openFileLimit - files.count
        if !options.follow && discovered.count > room {
            // More files than may be open at once: read them in the order of their first event.
            waiting = discovered.map { Waiting(path: $0.path, firstEventTime: firstEventTime(path: $0.path)) }
                .sorted { ($0.firstEventTime, $0.path) < ($1.firstEventTime, $1.path) }
            openWaiting(now: now)
            return
        }
        if options.follow && discovered.count > room {
            warnOnce("open-file limit", "following \(files.count + discovered.count) files needs more open files than allowed "
                     + "(\(options.openFileLimit)); raise it with ulimit -n")
        }
        for (path, _) in discovered { open(path: path, now: now) }
    }

    /// Opens waiting files while there is room, in order; stops with an error when the next
    /// one starts before events already read.
    private func openWaiting(now: Double) {
        while !waiting.isEmpty && files.count < options.openFileLimit {
            let next = waiting.removeFirst()
            if next.firstEventTime < deliveredThrough {
                note(.error, "cannot read the files merged by event time with at most \(options.openFileLimit) open at once: "
                     + "\(next.path) starts before events already read (the files overlap in time); raise the open-file "
                     + "limit with ulimit -n, or read fewer files at a time")
                waiting.removeAll()
                stopped = true
                return
            }
            open(path: next.path, now: now)
        }
    }

    /// The event time of the first event in the first 64 KiB of `path` (-infinity when none).
    private func firstEventTime(path: String) -> Double {
        guard let descriptor = try? SystemCall.run("open", path, { Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }) else {
            return -.infinity
        }
        defer { close(descriptor) }
        var head = Self.prefix(of: descriptor, count: 64 << 10)
        guard let lastNewline = head.lastIndex(of: 0x0a) else { return -.infinity }
        head.removeSubrange((lastNewline + 1)...)
        var events = EventBatch()
        var statistics = SourceStatistics()
        var malformed: [MalformedLine] = []
        var sourceTime: Double?
        let context = EventDecoder.Context(node: symbols.intern("probe"), sourceName: path, arrivalTime: -.infinity)
        decoder.decode(bytes: head, context: context, sourceTime: &sourceTime, into: &events, statistics: &statistics,
                       malformed: &malformed)
        return events.events.first?.time ?? -.infinity
    }

    private func open(path: String, now: Double) {
        var status = stat()
        guard (try? SystemCall.run("stat", path, { stat(path, &status) })) != nil else { return }
        let isStream = (status.st_mode & S_IFMT) == S_IFIFO || (status.st_mode & S_IFMT) == S_IFCHR
        // Following, streams are read without blocking; read to the end, to their end of file.
        let flags = O_RDONLY | O_CLOEXEC | (isStream && options.follow ? O_NONBLOCK : 0)
        let descriptor: Int32
        do {
            descriptor = try SystemCall.run("open", path) { Glibc.open(path, flags) }
        } catch {
            if error.errno == EMFILE || error.errno == ENFILE {
                note(.error, "cannot open \(error) (\(files.count) files open; raise the limit with ulimit -n)")
            } else {
                warnOnce(path, "cannot open \(error)")
            }
            return
        }
        guard (try? SystemCall.run("fstat", path, { fstat(descriptor, &status) })) != nil else {
            close(descriptor)
            return
        }
        let key = FileKey(status)
        guard byKey[key] == nil else {
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
            if let read = recovered[key] {
                file.offset = min(read, size)  // a copy already read after a truncation
            } else if firstScan {
                if options.follow, let backlog = options.backlog, size > Int64(backlog) {
                    file.offset = size - Int64(backlog)
                    var previous: UInt8 = 0
                    let offset = off_t(file.offset - 1)
                    if (try? SystemCall.run("pread", path, { pread(descriptor, &previous, 1, offset) })) != 1 || previous != 0x0a {
                        file.reader.skipToNextLine()
                    }
                }
            } else {
                decide(file, now: now)
            }
        }
        file.reader.atStart = file.offset == 0
        withBatch { batch in batch[statisticsOf: file.source].filesOpened += 1 }
        file.reader.sourceTime = sourceTimes[file.source]
        files.append(file)
        byKey[key] = file
        if let watcher, !isStream { watcher.watch(directory: Self.directory(of: path)) }
    }

    /// Whether a new file is a copy of a file read before (`copytruncate`), by its first bytes.
    private enum CopyDecision {
        /// A copy of a file read to `offset`; of `original` when that is still followed.
        case copy(offset: Int64, original: TrackedFile?)
        case notCopy
        /// Its first bytes so far are the start of a file read before (or too few to tell): it
        /// may be a copy still being written.
        case undecided
    }

    private func copyDecision(_ head: [UInt8], for file: TrackedFile) -> CopyDecision {
        var best: ReadHead?
        var maybe = head.count < Self.minimumHeadForCopies
        let candidates = truncatedHeads
            + files.filter { !$0.isStream && $0 !== file }.map { ReadHead(head: $0.head, offset: $0.offset, file: $0) }
        for candidate in candidates where candidate.head.count >= Self.minimumHeadForCopies {
            if Self.isCopy(head, of: candidate.head) {
                if candidate.head.count > (best?.head.count ?? 0) { best = candidate }
            } else if head.count < candidate.head.count && candidate.head.starts(with: head) {
                maybe = true
            }
        }
        if let best { return .copy(offset: best.offset, original: best.file) }
        return maybe ? .undecided : .notCopy
    }

    /// Decides where a new file (not of the first scan) starts: from 0, or, for a copy of a file
    /// read before, where reading had got to (once the copy is that long). Undecided files wait;
    /// one that stops growing for the rotation grace period is taken as new.
    private func decide(_ file: TrackedFile, now: Double) {
        switch copyDecision(file.head, for: file) {
        case .copy(let offset, let original):
            file.undecidedSince = nil
            file.offset = offset
            file.copyTarget = offset  // read once the copy is that long
            if let original {
                // The original is still read until it is truncated: the copy's part not read yet
                // starts where that reading stops, known at the truncation.
                file.copyOf = (original, original.truncations, now)
                note(.info, "\(file.path) is a copy of \(original.path); waiting for its truncation")
            } else {
                note(.info, "\(file.path) is a copy of a file already read; reading from byte \(offset)")
            }
        case .notCopy:
            file.undecidedSince = nil
        case .undecided:
            if file.undecidedSince == nil { file.undecidedSince = now }
            if now - file.lastGrowth >= options.rotationGrace { file.undecidedSince = nil }
        }
    }

    /// True when a file starting with `head` begins with `original`'s first bytes (enough of them).
    private static func isCopy(_ head: [UInt8], of original: [UInt8]) -> Bool {
        original.count >= minimumHeadForCopies && head.count >= original.count && head.starts(with: original)
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
    private func prepare(_ file: TrackedFile, now: Double) {
        file.atEnd = false
        file.budget = options.follow ? options.bytesPerPoll : Int.max
        guard !file.isStream, !file.failed else { return }
        var status = stat()
        guard (try? SystemCall.run("fstat", file.path, { fstat(file.descriptor, &status) })) != nil else { return }
        let size = Int64(status.st_size)
        if file.undecidedSince != nil {
            if size > Int64(file.head.count) {
                file.head = Self.readHead(file.descriptor)
                file.lastGrowth = now
            }
            decide(file, now: now)
            if file.undecidedSince != nil {
                file.atEnd = true  // not read while undecided
                return
            }
        }
        if let link = file.copyOf {
            if link.original.truncations > link.truncations {
                file.offset = link.original.offsetAtTruncation
                file.copyTarget = file.offset
                file.copyOf = nil
                note(.info, "\(file.path): reading the copy of \(link.original.path) from byte \(file.offset)")
            } else if now - link.since >= options.rotationGrace {
                // Never truncated: a plain copy, whose lines are read from the original.
                file.offset = size
                file.copyTarget = nil
                file.copyOf = nil
            } else {
                file.atEnd = true
                return
            }
        }
        if let target = file.copyTarget {
            guard size < target else {
                file.copyTarget = nil
                return
            }
            file.atEnd = true  // not there yet
            return
        }
        if size < file.offset {
            file.truncations += 1
            file.offsetAtTruncation = file.offset
            truncatedHeads.append(ReadHead(head: file.head, offset: file.offset))
            if truncatedHeads.count > 16 { truncatedHeads.removeFirst() }
            if options.follow { readRotatedCopy(of: file) }
            file.offset = 0
            file.reader.reset()
            file.reader.atStart = true
            file.head = []
            withBatch { batch in batch[statisticsOf: file.source].truncations += 1 }
            note(.info, "\(file.path) was truncated; reading it again from the start")
        }
        if file.head.count < Self.headLength && size > Int64(file.head.count) {
            file.head = Self.readHead(file.descriptor)
        }
    }

    /// After `copytruncate` of a file whose copy is not followed: finds the copy beside it (its
    /// name with a suffix, its first bytes the same) and reads the lines written after the last
    /// read, from the same offset.
    private func readRotatedCopy(of file: TrackedFile) {
        let directory = Self.directory(of: file.path)
        let base = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var candidates: [(path: String, key: FileKey, modified: Double)] = []
        for name in names where name.count > base.count && name.hasPrefix(base)
            && [".", "-", "_"].contains(name[name.index(name.startIndex, offsetBy: base.count)])
        {
            let path = directory + "/" + name
            var status = stat()
            guard (try? SystemCall.run("stat", path, { stat(path, &status) })) != nil,
                (status.st_mode & S_IFMT) == S_IFREG, Int64(status.st_size) >= file.offset
            else { continue }
            let key = FileKey(status)
            if byKey[key] != nil { return }  // the copy is followed: it is read from its offset anyway
            candidates.append((path, key, Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9))
        }
        // The newest file that starts with the truncated file's first bytes. (Taking the newest
        // by whole seconds, then checking it, lost the copy when rotations came within a second:
        // an older copy with the same time was taken, did not match, and the end was not read.)
        var found: (path: String, key: FileKey, descriptor: Int32)?
        for candidate in candidates.sorted(by: { $0.modified > $1.modified }) where found == nil {
            guard let descriptor = try? SystemCall.run("open", candidate.path, { Glibc.open(candidate.path, O_RDONLY | O_CLOEXEC) })
            else { continue }
            if Self.isCopy(Self.readHead(descriptor), of: file.head) {
                found = (candidate.path, candidate.key, descriptor)
            } else {
                close(descriptor)
            }
        }
        guard let best = found else {
            if file.head.count >= Self.minimumHeadForCopies {
                note(.warning, "\(file.path) was truncated with no copy of it beside it: lines written to it since the last read, if any, were not read")
            }
            return
        }
        let descriptor = best.descriptor
        defer { close(descriptor) }
        var offset = file.offset
        let context = EventDecoder.Context(node: file.source, sourceName: file.sourceName, arrivalTime: file.lastGrowth,
                                           timeRange: options.timeRange)
        while let batch = currentBatch() {
            let n = file.reader.pump(buffer: buffer, decoder: decoder, context: context, into: batch, source: file.source) { target in
                (try? SystemCall.run("pread", best.path) { pread(descriptor, target.baseAddress, target.count, off_t(offset)) }) ?? -1
            }
            if n <= 0 { break }
            offset += Int64(n)
            if options.isFull(batch.events) { ship() }
        }
        file.reader.finish(buffer: buffer, decoder: decoder, context: context, into: currentBatch() ?? DecodedBatch(),
                           source: file.source)
        recovered[best.key] = offset
        note(.info, "read the end of \(file.path) from its copy \(best.path)")
    }

    /// Reads one chunk of `file`; returns true when bytes were read.
    private func readChunk(_ file: TrackedFile, now: Double) -> Bool {
        guard let batch = currentBatch() else { return false }
        let context = EventDecoder.Context(node: file.source, sourceName: file.sourceName, arrivalTime: now,
                                           timeRange: options.timeRange)
        let first = batch.events.events.count
        let limit = min(options.readSize, file.budget)
        var failure: SystemError?
        let n = file.reader.pump(buffer: buffer, decoder: decoder, context: context, into: batch,
                                 source: file.source) { target in
            let count = min(target.count, limit)
            do throws(SystemError) {
                let read = file.isStream
                    ? try SystemCall.nonBlocking("read", file.path) { Glibc.read(file.descriptor, target.baseAddress, count) }
                    : try SystemCall.run("pread", file.path) { pread(file.descriptor, target.baseAddress, count, off_t(file.offset)) }
                return read ?? -1
            } catch {
                failure = error
                return -1
            }
        }
        if let failure {
            // A read error is an error, not the end of the file.
            file.failed = true
            file.atEnd = true
            ignored.insert(file.key)
            note(.error, "reading \(failure.subject ?? file.path) failed: \(failure.message)")
            return false
        }
        if n <= 0 {
            file.atEnd = true
            if n == 0 && file.isStream { file.matched = false }
            return false
        }
        for event in batch.events.events[first...] where event.time > file.latestEventTime {
            file.latestEventTime = event.time
        }
        deliveredThrough = max(deliveredThrough, file.latestEventTime)
        if let time = file.reader.sourceTime { sourceTimes[file.source] = time }
        file.offset += Int64(n)
        file.lastGrowth = now
        file.budget -= n
        if options.isFull(batch.events) { ship() }
        return true
    }

    private func closeFinished(now: Double) {
        var closed: [Symbol] = []
        files.removeAll { file in
            guard file.atEnd, file.failed || !file.matched || !options.follow else { return false }
            var status = stat()
            let deleted = (try? SystemCall.run("fstat", file.path, { fstat(file.descriptor, &status) })) != nil
                && status.st_nlink == 0
            let idle = now - file.lastGrowth >= options.rotationGrace
            guard !options.follow || deleted || idle || file.isStream || file.failed else { return false }
            if let batch = currentBatch(), !file.failed {
                let context = EventDecoder.Context(node: file.source, sourceName: file.sourceName, arrivalTime: now,
                                                   timeRange: options.timeRange)
                file.reader.finish(buffer: buffer, decoder: decoder, context: context, into: batch, source: file.source)
                if options.follow && !file.isStream {
                    note(.info, "finished \(file.path) (\(deleted ? "deleted" : "rotated away"))")
                }
            }
            closed.append(file.source)
            byKey[file.key] = nil
            close(file.descriptor)
            return true
        }
        if !options.follow {
            openWaiting(now: now)
            // Read to its end: a source with no file left (or waiting) has sent all it had.
            if let batch = currentBatch() {
                let open = Set(files.map(\.source))
                let pending = Set(waiting.map { symbols.intern(SourceName.of(path: $0.path)) })
                for source in Set(closed) where !open.contains(source) && !pending.contains(source) {
                    batch.finishedSources.append(source)
                }
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
        // Delivered even when the consumer stopped taking batches (an error ends reading).
        if let batch = currentBatch() {
            batch.notices.append(SourceNotice(level, message))
        }
    }

    private func warnOnce(_ key: String, _ message: String) {
        guard warned.insert(key).inserted else { return }
        note(.warning, message)
    }
}
