import ModelTopSystem
#if canImport(Glibc)
import Glibc
#endif

/// What the paths and glob patterns of a command line name right now: the one place patterns
/// are expanded and paths checked, for following (``FileFollower``) and for reading to the end
/// (``SourceGroup/problemsForReading()``).
enum PathScan {
    /// One path, or a pattern that matched nothing.
    enum Entry {
        case file(path: String, status: stat)
        case directory(path: String, fromPattern: Bool)
        /// `stat` failed (`ENOENT`, `EACCES`, ...).
        case unreadable(path: String, error: SystemError)
        /// A glob pattern that matches no file.
        case noMatch(pattern: String)
    }

    /// The entries of `pattern`: its matches (sorted) when it is a glob, else the path itself.
    /// - Complexity: one `glob` and one `stat` per path.
    static func entries(_ pattern: String) -> [Entry] {
        let isGlob = Glob.isPattern(pattern)
        let paths = isGlob ? Glob.expand(pattern) : [pattern]
        if isGlob && paths.isEmpty { return [.noMatch(pattern: pattern)] }
        return paths.map { path in
            var status = stat()
            do throws(SystemError) {
                try SystemCall.run("stat", path) { stat(path, &status) }
            } catch {
                return .unreadable(path: path, error: error)
            }
            if (status.st_mode & S_IFMT) == S_IFDIR { return .directory(path: path, fromPattern: isGlob) }
            return .file(path: path, status: status)
        }
    }
}
