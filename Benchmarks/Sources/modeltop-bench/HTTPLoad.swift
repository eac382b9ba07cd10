import Foundation
import Synchronization

/// `modeltop-bench http-load PORT CLIENTS SECONDS`: CLIENTS threads, each on its own keep-alive
/// connection to 127.0.0.1:PORT, POST 64 KiB NDJSON bodies (the generator's events) to
/// /v1/events for SECONDS; prints events accepted per second, requests, 429s and request
/// latency percentiles, and the total accepted (for the caller to compare with what was
/// ingested).
enum HTTPLoad {
    struct Result: Sendable {
        var accepted = 0
        var requests = 0
        var busy = 0
        var latencies: [Double] = []
    }

    static func run(port: Int, clients: Int, seconds: Double) -> String {
        var generator = EventGenerator(seed: 9)
        var body: [UInt8] = []
        var i = 0
        while body.count < 64 << 10 {
            body += Array(generator.line(model: "model-\(i % 4)", index: i, time: 1_795_700_000 + Double(i) / 1000).utf8)
            i += 1
        }
        let header = Array(("POST /v1/events/load HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
            + "Content-Length: \(body.count)\r\n\r\n").utf8)
        let request = header + body
        let collected = Mutex(Result())
        let deadline = Date().timeIntervalSince1970 + seconds
        let start = Date().timeIntervalSince1970
        var threads: [Thread] = []
        let done = DispatchGroup()
        for _ in 0..<clients {
            done.enter()
            let thread = Thread {
                let result = client(port: port, request: request, deadline: deadline)
                collected.withLock {
                    $0.accepted += result.accepted
                    $0.requests += result.requests
                    $0.busy += result.busy
                    $0.latencies += result.latencies
                }
                done.leave()
            }
            threads.append(thread)
            thread.start()
        }
        done.wait()
        let total = collected.withLock { $0 }
        let elapsed = Date().timeIntervalSince1970 - start
        let sorted = total.latencies.sorted()
        func percentile(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        return "accepted \(total.accepted) events in \(format(elapsed, digits: 1)) s: \(format(Double(total.accepted) / elapsed / 1e6, digits: 3)) M events/s; "
            + "\(total.requests) requests of \(body.count / 1024) KiB (\(i) events), \(total.busy) answered 429; "
            + "latency p50 \(format(percentile(0.5) * 1000, digits: 1)) ms, p99 \(format(percentile(0.99) * 1000, digits: 1)) ms; "
            + "clients \(clients)\ntotal_accepted \(total.accepted)"
    }

    /// One connection's requests until `deadline`; reconnects when the server closes.
    static func client(port: Int, request: [UInt8], deadline: Double) -> Result {
        var result = Result()
        var fd: Int32 = -1
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince1970 < deadline {
            if fd < 0 { fd = connectLoopback(port) }
            if fd < 0 { break }
            let sent = Date().timeIntervalSince1970
            var offset = 0
            while offset < request.count {
                let n = request[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break }
                offset += n
            }
            // The answer is small: read until the whole body (Content-Length) is in.
            var answer: [UInt8] = []
            var complete = false
            while !complete {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                answer += buffer[..<n]
                complete = isComplete(answer)
            }
            guard complete else {
                close(fd)
                fd = -1
                continue
            }
            result.latencies.append(Date().timeIntervalSince1970 - sent)
            result.requests += 1
            let text = String(decoding: answer, as: UTF8.self)
            if text.hasPrefix("HTTP/1.1 429") {
                result.busy += 1
                usleep(10_000)
            } else if let range = text.range(of: "\"accepted\":") {
                result.accepted += Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
        }
        if fd >= 0 { close(fd) }
        return result
    }

    static func isComplete(_ answer: [UInt8]) -> Bool {
        let text = String(decoding: answer, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return true }
        return text.utf8.count - text[..<end.upperBound].utf8.count >= length
    }

    static func connectLoopback(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 {
            close(fd)
            return -1
        }
        return fd
    }
}
