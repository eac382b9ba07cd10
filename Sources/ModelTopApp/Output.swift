import Foundation

/// Messages for the user on standard error.
public enum Output {
    /// Writes `modeltop: message` to standard error.
    public static func error(_ message: String) {
        FileHandle.standardError.write(Data("modeltop: \(message)\n".utf8))
    }
}
