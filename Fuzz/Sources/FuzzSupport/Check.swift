import Foundation

/// An invariant of a fuzz target: when it fails, the message goes to standard error and the
/// process aborts, so libFuzzer saves the input that caused it.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("invariant failed: \(message())\n".utf8))
        abort()
    }
}
