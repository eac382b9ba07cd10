#if canImport(Glibc)
import Glibc
#endif

/// A system call that failed: which call, on what, and `errno`.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The call's name (`open`, `pread`, ...).
    public var call: String
    /// What it was called on (a path), if anything.
    public var subject: String?
    public var errno: Int32

    public init(call: String, subject: String? = nil, errno: Int32) {
        self.call = call
        self.subject = subject
        self.errno = errno
    }

    /// The error text of `errno` (`No such file or directory`).
    public var message: String { String(cString: strerror(errno)) }

    public var description: String {
        subject.map { "\($0): \(message)" } ?? "\(call): \(message)"
    }
}
