#if canImport(Glibc)
import Glibc
#endif
import ModelTopSystem

/// Linux inotify over the directories followed files live in: tells a follower which files
/// changed and when names came and went, so that quiet files cost nothing (no `stat` per file
/// per poll), and a wait ends as soon as something happens. Also holds a pipe that ends a wait
/// at once (`wake()`), for stopping.
final class DirectoryWatcher {
    /// What happened since the last ``drain()``.
    struct Changes {
        /// Paths written to (or truncated).
        var modified: Set<String> = []
        /// Names created, moved or deleted, or events lost: the patterns need a new scan.
        var needsScan = false
    }

    private let descriptor: Int32
    private let wakeDescriptor: Int32
    private let wakeWriter: Int32
    private var directories: [String: Int32] = [:]
    private var paths: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)

    /// Nil when inotify is not available (then the follower polls).
    init?() {
        guard let descriptor = try? SystemCall.run("inotify_init1", nil, { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }) else {
            return nil
        }
        var fds: [Int32] = [0, 0]
        guard (try? SystemCall.run("pipe", nil, { pipe(&fds) })) != nil else {
            close(descriptor)
            return nil
        }
        for fd in fds {
            _ = try? SystemCall.run("fcntl", nil) { fcntl(fd, F_SETFL, O_NONBLOCK) }
            _ = try? SystemCall.run("fcntl", nil) { fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        self.descriptor = descriptor
        wakeDescriptor = fds[0]
        wakeWriter = fds[1]
    }

    deinit {
        close(descriptor)
        close(wakeDescriptor)
        close(wakeWriter)
    }

    /// Watches `directory` (idempotent). False when it cannot be watched (it does not exist,
    /// or the system's watch limit is reached).
    @discardableResult
    func watch(directory: String) -> Bool {
        if directories[directory] != nil { return true }
        let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        guard let wd = try? SystemCall.run("inotify_add_watch", directory, { inotify_add_watch(descriptor, directory, mask) }) else {
            return false
        }
        directories[directory] = wd
        paths[wd] = directory
        return true
    }

    /// The events waiting, read without blocking.
    /// - Complexity: O(events).
    func drain() -> Changes {
        var changes = Changes()
        var drained = [UInt8](repeating: 0, count: 64)
        while let n = try? SystemCall.nonBlocking("read", nil, { read(wakeDescriptor, &drained, drained.count) }), n > 0 {}
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                (try? SystemCall.nonBlocking("read", nil) { read(descriptor, raw.baseAddress, raw.count) }) ?? nil
            }
            guard let n, n > 0 else { break }
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameLength = Int(event.len)
                    let headerSize = MemoryLayout<inotify_event>.size
                    if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        changes.needsScan = true
                    } else if let directory = paths[event.wd] {
                        if event.mask & UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB) != 0, nameLength > 0 {
                            let start = offset + headerSize
                            let bytes = UnsafeRawBufferPointer(rebasing: raw[start..<(start + nameLength)])
                            let name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                            changes.modified.insert(directory + "/" + name)
                        }
                        if event.mask & UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF
                                               | IN_MOVE_SELF | IN_IGNORED) != 0 {
                            changes.needsScan = true
                        }
                        if event.mask & UInt32(IN_IGNORED) != 0 {
                            paths[event.wd] = nil
                            directories[directory] = nil
                        }
                    }
                    offset += headerSize + nameLength
                }
            }
        }
        return changes
    }

    /// Waits up to `timeout` seconds for an event or a ``wake()``.
    func wait(timeout: Double) {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        let milliseconds = Int32(min(max(timeout, 0), 3600) * 1000)
        _ = try? SystemCall.interruptible("poll") { poll(&fds, nfds_t(fds.count), milliseconds) }
    }

    /// Ends a ``wait(timeout:)`` at once (from any thread).
    func wake() {
        var one: UInt8 = 1
        _ = try? SystemCall.nonBlocking("write", nil) { write(wakeWriter, &one, 1) }
    }
}
