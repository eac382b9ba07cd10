import Foundation
import ModelTopApp
import ModelTopIngest
import ModelTopSystem
import ModelTopText

// Swift's backtracer asks for a key before exiting when it runs on a terminal: after a crash
// of the dashboard that would hold a dead terminal for 30 s. Its settings are read when the
// process starts, so they are set and the program started again (once; the user's own
// SWIFT_BACKTRACE is kept). Off a terminal (pipelines, CI, cron) it never asks, and the second
// start (10-25 ms) is spared.
if ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil, isatty(0) != 0 || isatty(1) != 0 || isatty(2) != 0 {
    setenv("SWIFT_BACKTRACE", "interactive=no", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Not reached unless exec failed: carry on with the default settings.
}

// Signals are turned into messages by a thread (see SignalWatcher); block them before any
// thread starts so that every thread inherits the mask.
SignalWatcher.blockSignals()
ResourceLimits.raiseOpenFiles()

do {
    var command = try ModelTopCommand.parseAsRoot()
    try command.run()
} catch let error as AppError {
    if !error.description.isEmpty { Output.error(error.description) }
    exit(error.status)
} catch {
    // ArgumentParser's messages quote the arguments: sanitized like every other message.
    let code = ModelTopCommand.exitCode(for: error)
    let message = ModelTopCommand.fullMessage(for: error)
    let text = message.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.sanitize(String($0)) }
        .joined(separator: "\n")
    if code == .success {
        print(text)
    } else {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
    // A bad option or value is an error like any other: status 2, as the README documents
    // (ArgumentParser's own is 64, EX_USAGE).
    exit(code == .validationFailure ? 2 : code.rawValue)
}
