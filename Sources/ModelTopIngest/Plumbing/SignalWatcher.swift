#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into messages: the signals are blocked in every thread and
/// a dedicated thread waits for them with `sigwait`.
///
/// Call ``blockSignals()`` first thing in `main`, before any thread starts, so that every
/// thread inherits the mask.
public enum SignalWatcher {
    /// The signals that end modeltop cleanly.
    public static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Blocks the terminating signals in the calling thread (and threads it starts later).
    public static func blockSignals() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Starts a thread that calls `handler` with each terminating signal received.
    public static func start(_ handler: @escaping @Sendable (Int32) -> Void) {
        let thread = Thread {
            var set = signalSet()
            while true {
                var signal: Int32 = 0
                if sigwait(&set, &signal) == 0 { handler(signal) }
            }
        }
        thread.name = "modeltop-signals"
        thread.start()
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in terminating { sigaddset(&set, signal) }
        return set
    }
}
