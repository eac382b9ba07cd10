#if canImport(Glibc)
import Glibc
#endif

/// A program run with pipes to its standard input, output and error (`ssh` for remote
/// sources), in a session of its own: no controlling terminal (so it can never prompt), the
/// terminal's Ctrl-C does not reach it, and it starts with no signals blocked (modeltop blocks
/// the terminating ones on its own threads).
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Write end of its standard input, read ends of its output and error (-1 once closed).
    public private(set) var input: Int32
    public let output: Int32
    public let error: Int32
    private var reaped = false

    /// Starts `arguments[0]` (looked up in `PATH`) with `arguments`.
    /// - Throws: ``SystemError`` when the pipes cannot be made or the program cannot start.
    public init(_ arguments: [String]) throws(SystemError) {
        precondition(!arguments.isEmpty)
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        try SystemCall.run("pipe") { pipe(&stdinPipe) }
        try SystemCall.run("pipe") { pipe(&stdoutPipe) }
        try SystemCall.run("pipe") { pipe(&stderrPipe) }
        // Close-on-exec: other children (and this one, past its dup2) do not inherit them.
        for fd in stdinPipe + stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let newSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc 2.26), not exported to Swift
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | newSession))
        var child: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let status = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, environ)
        for fd in [stdinPipe[0], stdoutPipe[1], stderrPipe[1]] { close(fd) }
        guard status == 0 else {
            for fd in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] { close(fd) }
            throw SystemError(call: "posix_spawn", subject: arguments[0], errno: status)
        }
        pid = child
        input = stdinPipe[1]
        output = stdoutPipe[0]
        error = stderrPipe[0]
    }

    deinit {
        stop()
        for fd in [input, output, error] where fd >= 0 { close(fd) }
    }

    /// Writes all of `bytes` to its standard input.
    /// - Throws: ``SystemError`` (`EPIPE` once it exited: SIGPIPE is blocked on the calling
    ///   thread, so a dead child is an error here rather than the end of modeltop).
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        try SystemCall.writeAll(bytes, to: input)
    }

    /// Closes its standard input (it sees end of file).
    public func closeInput() {
        if input >= 0 {
            close(input)
            input = -1
        }
    }

    /// Kills it (SIGKILL: ssh holds nothing that needs a clean exit) and reaps it.
    public func stop() {
        guard !reaped else { return }
        kill(pid, SIGKILL)
        _ = wait()
    }

    /// Waits for it to exit; its exit status (or 128 + the signal that killed it).
    @discardableResult
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
