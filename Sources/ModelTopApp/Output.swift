import Foundation
import ModelTopText

/// Messages for the user on standard error.
public enum Output {
    /// Writes `modeltop: message` to standard error, each line sanitized: file names and
    /// arguments come from outside and must not reach the terminal as escape sequences.
    public static func error(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.sanitize(String($0)) }
        FileHandle.standardError.write(Data("modeltop: \(lines.joined(separator: "\n          "))\n".utf8))
    }
}
