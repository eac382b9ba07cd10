import Foundation
import Synchronization
import ModelTopSystem

/// Runs the `--on-alert` command for severity changes, with each change as a line of JSON on its
/// standard input, on a thread of its own: never blocking the dashboard, at most one run at a
/// time and one a second (changes that arrive meanwhile go together to the next run), at most
/// `queueLimit` changes waiting (more are dropped and counted).
/// A run that fails (exit status, a timeout, a program that cannot start) is reported through
/// `report` for the status bar.
public final class AlertNotifier: Sendable {
    public let command: String
    public static let queueLimit = 100
    /// Seconds a run may take before it is killed.
    public static let timeout = 30.0
    private let state = Mutex<(queue: [String], dropped: Int, running: Bool)>(([], 0, false))
    private let report: @Sendable (String) -> Void

    /// - Parameters:
    ///   - command: run with `sh -c`.
    ///   - report: receives a line about each failure (from the notifier's thread).
    public init(command: String, report: @escaping @Sendable (String) -> Void) {
        self.command = command
        self.report = report
    }

    /// Queues one JSON document per change.
    public func send(_ documents: [String]) {
        let start: Bool = state.withLock { s in
            for document in documents {
                if s.queue.count < Self.queueLimit { s.queue.append(document) } else { s.dropped += 1 }
            }
            if s.running || s.queue.isEmpty { return false }
            s.running = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in drain() }
        thread.name = "modeltop-on-alert"
        thread.start()
    }

    private func drain() {
        while true {
            // Everything waiting goes to one run, a line per change.
            let next: ([String], Int)? = state.withLock { s in
                guard !s.queue.isEmpty else {
                    s.running = false
                    return nil
                }
                defer { s.queue.removeAll(); s.dropped = 0 }
                return (s.queue, s.dropped)
            }
            guard let (documents, dropped) = next else { return }
            if dropped > 0 { report("--on-alert: \(dropped) changes dropped (more than \(Self.queueLimit) waiting)") }
            let started = Date()
            run(documents.map { $0 + "\n" }.joined())
            let rest = 1 - Date().timeIntervalSince(started)
            if rest > 0 { Thread.sleep(forTimeInterval: rest) }
        }
    }

    private func run(_ input: String) {
        let child: ChildProcess
        do {
            child = try ChildProcess(["sh", "-c", command])
        } catch {
            report("--on-alert: cannot run sh: \(error.message)")
            return
        }
        try? child.write(Array(input.utf8))
        child.closeInput()
        // Its output is not needed; its error output says why it failed.
        var errorText: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(Self.timeout)
        var fds = [pollfd(fd: child.output, events: Int16(POLLIN), revents: 0), pollfd(fd: child.error, events: Int16(POLLIN), revents: 0)]
        var open = 2
        while open > 0, Date() < deadline {
            guard poll(&fds, 2, 200) > 0 else { continue }
            for i in 0..<2 where fds[i].revents != 0 && fds[i].fd >= 0 {
                let n = read(fds[i].fd, &chunk, chunk.count)
                if n <= 0 {
                    fds[i].fd = -1
                    open -= 1
                } else if i == 1 {
                    errorText = Array((errorText + chunk[..<n]).suffix(1024))
                }
            }
        }
        if open > 0 {
            child.stop()
            report("--on-alert: killed after \(Int(Self.timeout))s")
            return
        }
        let status = child.wait()
        if status != 0 {
            let last = String(decoding: errorText, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            report("--on-alert: exit \(status)" + (last.isEmpty ? "" : ": \(last)"))
        }
    }
}
