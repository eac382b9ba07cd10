#if canImport(Glibc)
import Glibc
#endif

/// Where the running executable is, for finding the data installed beside it.
public enum Executable {
    /// The directory of the running executable, read from `/proc/self/exe` (so it does not
    /// depend on how the program was started: through `$PATH`, a symlink or a relative path),
    /// or nil when that link cannot be read.
    public static var directory: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Where a data folder `name` may be, nearest first: beside the executable and in up to
    /// three parent directories (a build tree: `.build/<triple>/debug/modeltop` next to the
    /// repository's folder), and in the install prefix (`<prefix>/share/modeltop/<name>` for
    /// `<prefix>/bin/modeltop`).
    public static func dataCandidates(named name: String) -> [String] {
        guard let directory else { return [] }
        var candidates: [String] = []
        var ancestor = directory
        for _ in 0..<4 {
            candidates.append(ancestor == "/" ? "/\(name)" : "\(ancestor)/\(name)")
            guard let slash = ancestor.lastIndex(of: "/"), ancestor != "/" else { break }
            ancestor = slash == ancestor.startIndex ? "/" : String(ancestor[..<slash])
        }
        let prefix = directory.hasSuffix("/bin") ? String(directory.dropLast(4)) : directory + "/.."
        candidates.append("\(prefix)/share/modeltop/\(name)")
        return candidates
    }
}
