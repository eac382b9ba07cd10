#if canImport(Glibc)
import Glibc
#endif

/// Reading a small text file (a configuration or a theme) whole, with errors that say what
/// went wrong in the system's words (`No such file or directory`, `Is a directory`).
public enum SmallFile {
    /// The text of the file at `path` (invalid UTF-8 replaced by U+FFFD).
    /// - Throws: ``SystemError`` naming `path`: the `open` or `read` failure, `EISDIR` for a
    ///   directory, `EFBIG` for a file longer than `limit` bytes.
    /// - Complexity: O(file size).
    public static func read(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> String {
        let descriptor = try SystemCall.run("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        var status = stat()
        try SystemCall.run("fstat", path) { fstat(descriptor, &status) }
        if status.st_mode & S_IFMT == S_IFDIR { throw SystemError(call: "read", subject: path, errno: EISDIR) }
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try SystemCall.run("read", path) { Glibc.read(descriptor, chunk.baseAddress, chunk.count) }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > limit { throw SystemError(call: "read", subject: path, errno: EFBIG) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
