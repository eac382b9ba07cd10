import Foundation
import ModelTopApp
import ModelTopIngest

// Signals are turned into messages by a thread (see SignalWatcher); block them before any
// thread starts so that every thread inherits the mask.
SignalWatcher.blockSignals()

do {
    var command = try ModelTopCommand.parseAsRoot()
    try command.run()
} catch let error as AppError {
    Output.error(error.description)
    exit(error.status)
} catch {
    ModelTopCommand.exit(withError: error)
}
