import Foundation
import ModelTopCore
import Synchronization
import Testing
@testable import ModelTopIngest
@testable import ModelTopServer

/// The receiver over a real loopback socket, with a sink the test controls.
@Suite(.serialized) struct HTTPReceiverTests {
    final class Sink: Sendable {
        let pool: BatchPool
        let delivered = Mutex<[DecodedBatch]>([])
        let summaries = Mutex<[NetworkSummary]>([])

        init(batches: Int) {
            pool = BatchPool(size: batches)
        }

        var sink: ReceiverSink {
            ReceiverSink(takeBatch: { self.pool.tryTake() }, deliver: { b in self.delivered.withLock { $0.append(b) } },
                         export: { kind, _, complete in complete(kind == .metrics ? "# metrics\n" : "{}\n") },
                         report: { s in self.summaries.withLock { $0.append(s) } })
        }

        var events: Int { delivered.withLock { $0.reduce(0) { $0 + $1.events.events.count } } }
    }

    func receiver(_ configure: (inout ReceiverConfiguration) -> Void = { _ in }) throws -> (HTTPReceiver, Int) {
        var c = ReceiverConfiguration()
        c.port = 0
        configure(&c)
        let r = HTTPReceiver(configuration: c, ingest: NetworkIngest(mapping: FieldMapping(), symbols: SymbolTable(), joinTTL: 60,
                                                                     joinCapacity: 100))
        try r.bind()
        return (r, r.port!)
    }

    /// One request on a fresh connection; the status and body of the answer.
    func request(_ port: Int, _ text: String) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[..<n]
            if let text = String(bytes: answer, encoding: .utf8), let split = text.range(of: "\r\n\r\n"),
                let length = text[..<split.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
                    .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                text.utf8.count - text.utf8.distance(from: text.utf8.startIndex, to: split.upperBound) >= length
            {
                break
            }
        }
        let text = String(decoding: answer, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    func post(_ body: String, path: String = "/v1/events", headers: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\(headers)\r\n\(body)"
    }

    @Test func acceptsAndAcknowledgesAfterQueueing() throws {
        let (r, port) = try receiver()
        defer { r.stop() }
        #expect(try request(port, post("{}")).status == 503)  // not started yet
        let sink = Sink(batches: 2)
        r.start(sink: sink.sink)
        let answer = try request(port, post("{\"model\":\"m\",\"prediction\":1}\nbad", path: "/v1/events/edge"))
        #expect(answer.status == 200)
        #expect(answer.body == #"{"accepted":1,"malformed":1}"#)
        #expect(sink.events == 1)
        #expect(try request(port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").body == "# metrics\n")
    }

    @Test func fullQueueAnswers429() throws {
        let (r, port) = try receiver()
        defer { r.stop() }
        let sink = Sink(batches: 1)
        r.start(sink: sink.sink)
        #expect(try request(port, post("{\"model\":\"m\",\"prediction\":1}")).status == 200)
        // The one batch is with the "loop" (never recycled here): the next request must wait.
        let busy = try request(port, post("{\"model\":\"m\",\"prediction\":1}"))
        #expect(busy.status == 429)
        #expect(sink.events == 1)
        sink.delivered.withLock { $0.forEach { $0.recycle() }; $0.removeAll() }
        #expect(try request(port, post("{\"model\":\"m\",\"prediction\":1}")).status == 200)
    }

    @Test func limitsAndTokens() throws {
        let (r, port) = try receiver { c in
            c.maxBodyBytes = 100
            c.token = "t0ken"
        }
        defer { r.stop() }
        r.start(sink: Sink(batches: 4).sink)
        #expect(try request(port, post("{}")).status == 401)
        #expect(try request(port, post("{}", headers: "Authorization: Bearer t0kex\r\n")).status == 401)
        #expect(try request(port, post("{}", headers: "Authorization: Bearer t0ken\r\n")).status == 200)
        #expect(try request(port, post(String(repeating: " ", count: 101), headers: "Authorization: Bearer t0ken\r\n")).status == 413)
        #expect(try request(port, "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status == 404)
        #expect(try request(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status == 401)
    }

    @Test func bearerTokensCompareWholly() {
        let t = BearerToken("abc")
        #expect(t.accepts("Bearer abc"))
        #expect(t.accepts("bearer abc"))
        #expect(!t.accepts("Bearer abcd"))
        #expect(!t.accepts("Bearer ab"))
        #expect(!t.accepts("Basic abc"))
        #expect(!t.accepts(nil))
    }
}
