#if canImport(Glibc)
import Glibc
#endif

/// The one way modeltop makes a system call: retried while it is interrupted by a signal
/// (`EINTR`), and a failure becomes a typed ``SystemError`` naming the call.
public enum SystemCall {
    /// Runs `body`, a call that returns -1 (or less than 0) and sets `errno` on failure, until
    /// it is not interrupted.
    /// - Returns: what the call returned (at least 0).
    /// - Throws: ``SystemError`` with `name`, `subject` and `errno`.
    @discardableResult @inlinable
    public static func run<T: BinaryInteger>(_ name: String, _ subject: String? = nil, _ body: () -> T)
        throws(SystemError) -> T
    {
        while true {
            let result = body()
            if result >= 0 { return result }
            let error = errno
            if error == EINTR { continue }
            throw SystemError(call: name, subject: subject, errno: error)
        }
    }

    /// As ``run(_:_:_:)`` for calls that may also fail "softly" (`EAGAIN` on a non-blocking
    /// descriptor): nil for those.
    @inlinable
    public static func nonBlocking<T: BinaryInteger>(_ name: String, _ subject: String? = nil, _ body: () -> T)
        throws(SystemError) -> T?
    {
        do {
            return try run(name, subject, body)
        } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            return nil
        }
    }

    /// As ``run(_:_:_:)`` for a wait (`poll`) that a signal should end early: an interruption
    /// returns nil instead of waiting again (ncurses learns of a resize from SIGWINCH).
    @inlinable
    public static func interruptible<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SystemError) -> T? {
        let result = body()
        if result >= 0 { return result }
        let error = errno
        if error == EINTR { return nil }
        throw SystemError(call: name, errno: error)
    }

    /// Writes all of `bytes` to `fd`, going on after short writes (and interruptions).
    /// - Throws: ``SystemError`` of the `write` that failed, naming `subject`.
    /// - Complexity: O(bytes).
    public static func writeAll(_ bytes: [UInt8], to fd: Int32, _ subject: String? = nil) throws(SystemError) {
        let failure: SystemError? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                do throws(SystemError) {
                    offset += try run("write", subject) { Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
                } catch {
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
    }
}
