#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModelTopSystem
import ModelTopText

/// Messages for the user on standard error.
public enum Output {
    /// Writes `modeltop: message` to standard error, each line sanitized: file names and
    /// arguments come from outside and must not reach the terminal as escape sequences.
    /// Writes `text` and a newline to standard output, and flushes it.
    /// - Throws: ``AppError`` when the write fails (a full disk, a closed pipe): output that
    ///   did not arrive is an error, not a success.
    public static func write(_ text: String) throws {
        do {
            try SystemCall.writeAll(Array((text + "\n").utf8), to: STDOUT_FILENO)
        } catch {
            throw AppError("cannot write the output: \(String(cString: strerror(error.errno)))")
        }
    }

    public static func error(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.sanitize(String($0)) }
        FileHandle.standardError.write(Data("modeltop: \(lines.joined(separator: "\n          "))\n".utf8))
    }
}
