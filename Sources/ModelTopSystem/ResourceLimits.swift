#if canImport(Glibc)
import Glibc
#endif

/// The process's open-file limit: read, and raised to what the system allows.
public enum ResourceLimits {
    /// The soft limit on open descriptors (RLIMIT_NOFILE).
    public static var openFiles: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return Int(clamping: limit.rlim_cur)  // RLIM_INFINITY is the largest value: Int.max
    }

    /// Raises the soft open-file limit to the hard limit (what `ulimit -Hn` allows), as
    /// servers do at start, so that following thousands of files does not run out of
    /// descriptors under a low default soft limit.
    public static func raiseOpenFiles() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
