import Foundation
import ModelTopSystem

/// Reads the remote script's answers (see ``RemoteScript``) from the child's output, and keeps
/// the last line of its error output (what `ssh` says when it fails).
struct RemoteStream {
    enum DataKind: Equatable {
        /// `D`: the file under its name.
        case file
        /// `R`: the file under another name (renamed).
        case renamed
        /// `C`: the copy of a truncated file.
        case copy
    }

    enum Record: Equatable {
        case status(device: String, inode: String, size: Int, headLength: Int, headSum: String, path: String)
        case data(DataKind, device: String, inode: String, offset: Int, path: String, bytes: [UInt8])
        case quietRenamed(device: String, inode: String)
        case truncated(device: String, inode: String)
        case gone(device: String, inode: String)
    }

    /// The longest line accepted (a base64 line of the largest budget, with room).
    static let lineLimit = 16 << 20

    private let output: Int32
    private let error: Int32
    private var pending: [UInt8] = []
    private var errorText: [UInt8] = []
    private var outputClosed = false
    /// Why the last round failed, when not because the connection closed.
    private(set) var failure: String?

    init(output: Int32, error: Int32) {
        self.output = output
        self.error = error
    }

    /// The records of one round (up to `DONE`), or nil when the connection closed, the round
    /// took longer than `timeout` seconds, or the answer is not the protocol.
    mutating func round(timeout: Double) -> [Record]? {
        let deadline = Date().timeIntervalSince1970 + timeout
        var records: [Record] = []
        while true {
            guard let line = nextLine(deadline: deadline) else { return nil }
            let text = String(decoding: line, as: UTF8.self)
            let fields = text.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
            guard let tag = fields.first else { continue }
            switch tag {
            case "DONE":
                return records
            case "S" where fields.count == 7:
                guard let size = Int(fields[3]), let headLength = Int(fields[4]) else { return protocolError(text) }
                records.append(.status(device: fields[1], inode: fields[2], size: size, headLength: headLength,
                                       headSum: fields[5], path: fields[6]))
            case "D", "R", "C":
                let parts = text.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 5, let offset = Int(parts[3]), let encoded = nextLine(deadline: deadline) else {
                    return protocolError(text)
                }
                guard let bytes = encoded.isEmpty ? Data() : Data(base64Encoded: Data(encoded)) else { return protocolError(text) }
                let kind: DataKind = tag == "D" ? .file : tag == "R" ? .renamed : .copy
                records.append(.data(kind, device: parts[1], inode: parts[2], offset: offset, path: parts[4], bytes: Array(bytes)))
            case "Z" where fields.count == 3:
                records.append(.quietRenamed(device: fields[1], inode: fields[2]))
            case "T" where fields.count == 3:
                records.append(.truncated(device: fields[1], inode: fields[2]))
            case "X" where fields.count == 3:
                records.append(.gone(device: fields[1], inode: fields[2]))
            default:
                return protocolError(text)
            }
        }
    }

    private mutating func protocolError(_ line: String) -> [Record]? {
        failure = "unexpected answer from the remote script: \(line.prefix(120))"
        return nil
    }

    /// The next line of output (without its newline), reading the error output meanwhile.
    private mutating func nextLine(deadline: Double) -> [UInt8]? {
        var searched = 0
        while true {
            if let newline = pending[searched...].firstIndex(of: 0x0a) {
                let line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                return line
            }
            searched = pending.count
            guard !outputClosed, pending.count <= Self.lineLimit else {
                if pending.count > Self.lineLimit { failure = "an answer line over \(Self.lineLimit) bytes" }
                return nil
            }
            let left = deadline - Date().timeIntervalSince1970
            guard left > 0 else {
                failure = "no answer for \(Int(left.rounded()))s"
                return nil
            }
            guard wait(until: left) else { continue }
        }
    }

    /// Waits for either output; reads what is there. False when nothing came in time.
    private mutating func wait(until left: Double) -> Bool {
        var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: error, events: Int16(POLLIN), revents: 0)]
        let ready = (try? SystemCall.run("poll") { poll(&fds, 2, Int32(min(left, 1) * 1000)) }) ?? 0
        guard ready > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        if fds[1].revents != 0 {
            let n = (try? SystemCall.run("read") { read(error, &chunk, chunk.count) }) ?? 0
            if n > 0 { errorText = Array((errorText + chunk[..<n]).suffix(4096)) }
        }
        if fds[0].revents != 0 {
            let n = (try? SystemCall.run("read") { read(output, &chunk, chunk.count) }) ?? 0
            if n > 0 { pending += chunk[..<n] } else { outputClosed = true }
        }
        return true
    }

    /// The last non-empty line `ssh` (or the remote shell) wrote to its error output, after
    /// waiting up to `seconds` for it to say something.
    mutating func lastErrorLine(waiting seconds: Double) -> String? {
        let deadline = Date().timeIntervalSince1970 + seconds
        while seconds > 0, Date().timeIntervalSince1970 < deadline {
            var fds = [pollfd(fd: error, events: Int16(POLLIN), revents: 0)]
            guard (try? SystemCall.run("poll") { poll(&fds, 1, 100) }) ?? 0 > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = (try? SystemCall.run("read") { read(error, &chunk, chunk.count) }) ?? 0
            if n <= 0 { break }
            errorText = Array((errorText + chunk[..<n]).suffix(4096))
        }
        let lines = String(decoding: errorText, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("Warning: Permanently added") }
        // ssh starts its messages with the destination (`root@10.0.0.7: Permission denied`):
        // the host is shown beside it already.
        guard let last = lines.last else { return nil }
        if let colon = last.range(of: ": "), last[..<colon.lowerBound].contains("@"), !last[..<colon.lowerBound].contains(" ") {
            return String(last[colon.upperBound...])
        }
        return last
    }
}
