#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ModelTopSystem

@Suite struct SystemCallTests {
    /// EINTR is retried; other errors are thrown with the call's name, subject and errno.
    @Test func retriesInterruptionsAndTypesFailures() throws {
        var attempts = 0
        let result = try SystemCall.run("read") { () -> Int in
            attempts += 1
            if attempts < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7)
        #expect(attempts == 3)
        do {
            try SystemCall.run("open", "/nonexistent/x") { open("/nonexistent/x", O_RDONLY) }
            Issue.record("open should fail")
        } catch {
            #expect(error.call == "open")
            #expect(error.errno == ENOENT)
            #expect(error.description == "/nonexistent/x: No such file or directory")
        }
        var fds: [Int32] = [0, 0]
        try SystemCall.run("pipe") { pipe(&fds) }
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        var byte: UInt8 = 0
        let nothing = try SystemCall.nonBlocking("read") { read(fds[0], &byte, 1) }
        #expect(nothing == nil)  // EAGAIN: nothing there yet
        close(fds[0])
        close(fds[1])
    }
}

@Suite struct InterruptibleCallTests {
    @Test func anInterruptionEndsTheWait() throws {
        let interrupted = try SystemCall.interruptible("poll") { () -> Int32 in
            errno = EINTR
            return -1
        }
        #expect(interrupted == nil)
        #expect(try SystemCall.interruptible("poll") { Int32(1) } == 1)
    }
}
