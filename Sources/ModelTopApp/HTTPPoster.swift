#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModelTopSystem

/// POSTs NDJSON bodies to an `http://HOST:PORT/PATH` endpoint (modeltop's receiver) over one
/// kept-alive connection: `synth --post`. A 429 or 503 is retried after a pause (the receiver is
/// full); other statuses are errors. Plain HTTP only: for a receiver off this machine, put a
/// TLS proxy in front or use a shipper.
final class HTTPPoster {
    let host: String
    let port: UInt16
    let path: String
    let token: String?
    private var fd: Int32 = -1
    /// Requests answered 2xx, and those retried.
    private(set) var accepted = 0
    private(set) var retried = 0

    /// - Throws: ``AppError`` for a URL that is not `http://HOST[:PORT][/PATH]`.
    init(url: String, token: String?) throws {
        guard url.hasPrefix("http://") else {
            throw AppError("--post \(url): http://HOST[:PORT][/PATH] (https is not spoken here: put a TLS proxy in front)")
        }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        path = slash == rest.endIndex ? "/v1/events" : String(rest[slash...])
        if let colon = authority.lastIndex(of: ":"), let p = UInt16(authority[authority.index(after: colon)...]) {
            host = String(authority[..<colon])
            port = p
        } else {
            host = String(authority)
            port = 80
        }
        guard !host.isEmpty else { throw AppError("--post \(url): no host") }
        self.token = token
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    private func connect() throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else { throw AppError("--post: cannot resolve \(host): \(String(cString: gai_strerror(status)))") }
        defer { freeaddrinfo(list) }
        var error = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let a = entry {
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if s >= 0 {
                if (try? SystemCall.run("connect", host) { Glibc.connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) }) != nil {
                    fd = s
                    return
                }
                error = String(cString: strerror(errno))
                close(s)
            }
            entry = a.pointee.ai_next
        }
        throw AppError("--post: cannot connect to \(host):\(port): \(error)")
    }

    /// Sends `body` (whole NDJSON lines); retries on 429/503 and on a connection the server
    /// closed, up to 100 times.
    /// - Throws: ``AppError`` for another status or a connection that cannot be made.
    func post(_ body: [UInt8]) throws {
        for attempt in 0..<100 {
            if fd < 0 { try connect() }
            var head = "POST \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nContent-Type: application/x-ndjson\r\n"
            head += "Content-Length: \(body.count)\r\n"
            if let token { head += "Authorization: Bearer \(token)\r\n" }
            head += "\r\n"
            let status: Int
            do {
                try send(Array(head.utf8) + body)
                status = try readStatus()
            } catch {
                close(fd)
                fd = -1
                if attempt < 3 { continue }
                throw error
            }
            switch status {
            case 200..<300:
                accepted += 1
                return
            case 429, 503:
                retried += 1
                Thread.sleep(forTimeInterval: min(0.05 * Double(attempt + 1), 1))
            default:
                throw AppError("--post: the server answered \(status) to POST \(path)")
            }
        }
        throw AppError("--post: the server stayed busy (429/503) for 100 attempts")
    }

    private func send(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            done += try bytes.withUnsafeBytes { raw in
                try SystemCall.run("send", host) { Glibc.send(fd, raw.baseAddress! + done, raw.count - done, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    /// Reads one response; returns its status (the body is read and dropped).
    private func readStatus() throws -> Int {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        func fill() throws {
            let n = try chunk.withUnsafeMutableBytes { raw in
                try SystemCall.run("recv", host) { recv(fd, raw.baseAddress, raw.count, 0) }
            }
            guard n > 0 else { throw AppError("--post: the server closed the connection") }
            buffer += chunk[0..<n]
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            try fill()
            headerEnd = buffer.indices.dropLast(3).first { Array(buffer[$0..<$0 + 4]) == separator }
            guard buffer.count < 1 << 16 else { throw AppError("--post: response headers too long") }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let first = lines.first, first.hasPrefix("HTTP/1."), let status = Int(first.split(separator: " ").dropFirst().first ?? "") else {
            throw AppError("--post: not an HTTP response")
        }
        let length = lines.compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        while buffer.count < headerEnd! + 4 + length { try fill() }
        if lines.contains(where: { $0.lowercased().hasPrefix("connection: close") }) {
            close(fd)
            fd = -1
        }
        return status
    }
}
