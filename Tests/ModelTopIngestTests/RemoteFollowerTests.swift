import Foundation
import ModelTopCore
import ModelTopSystem
import Synchronization
import Testing
@testable import ModelTopIngest

/// The remote follower with the remote script run by a local `sh` (what `ssh` would run on the
/// node): following, rotations while disconnected, resuming, the backlog, failures.
@Suite(.serialized) struct RemoteFollowerTests {
    final class Collector: Sendable {
        let pool = BatchPool(size: 64)
        private let state = Mutex<(events: [String: Int], lines: Int, hosts: [RemoteHostStatus], ids: [Int])>(([:], 0, [], []))
        let symbols: SymbolTable

        init(symbols: SymbolTable) {
            self.symbols = symbols
        }

        func deliver(_ batch: DecodedBatch) {
            state.withLock { s in
                for e in batch.events.events {
                    s.events[symbols.name(e.node), default: 0] += 1
                    if case .number(let id)? = e.prediction { s.ids.append(Int(id)) }
                }
                s.lines += batch.sources.reduce(0) { $0 + $1.statistics.lines }
                s.hosts += batch.hosts
            }
            batch.recycle()
        }

        var ids: [Int] { state.withLock { $0.ids } }
        var lastStatus: RemoteHostStatus? { state.withLock { $0.hosts.last } }
        func events(node: String) -> Int { state.withLock { $0.events[node] ?? 0 } }
    }

    struct Node {
        let dir: URL

        init() {
            dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("modeltop-remote-\(UUID().uuidString)")
            try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        /// Appends lines whose prediction is their id.
        func append(_ name: String, ids: Range<Int>) {
            let text = ids.map { "{\"model\":\"m\",\"prediction\":\($0)}\n" }.joined()
            let handle = FileHandle(forWritingAtPath: path(name)) ?? {
                FileManager.default.createFile(atPath: path(name), contents: nil)
                return FileHandle(forWritingAtPath: path(name))!
            }()
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        }

        func remove() { try? FileManager.default.removeItem(at: dir) }
    }

    func follower(_ node: Node, patterns: [String], collector: Collector, backlog: Int? = nil,
                  command: [String]? = nil) -> RemoteFollower {
        var options = RemoteFollower.Options()
        options.backlog = backlog
        options.idlePause = 0.05
        options.firstBackoff = 0.05
        options.maxBackoff = 0.2
        options.rotationGrace = 0.3
        let f = RemoteFollower(host: "node-1", node: "node-1",
                               command: command ?? ["sh", "-c", RemoteScript.text, "modeltop-remote"] + patterns.map { node.path($0) },
                               options: options, mapping: FieldMapping(), symbols: collector.symbols,
                               take: { collector.pool.take() }, deliver: { collector.deliver($0) })
        Thread { f.run() }.start()
        return f
    }

    func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test func followsFilesAndNamesTheNode() {
        let node = Node()
        defer { node.remove() }
        node.append("a.jsonl", ids: 0..<10)
        node.append("b.jsonl", ids: 10..<20)
        let collector = Collector(symbols: SymbolTable())
        let f = follower(node, patterns: ["*.jsonl"], collector: collector)
        defer { f.stop() }
        #expect(eventually { collector.ids.count == 20 })
        node.append("a.jsonl", ids: 20..<30)
        node.append("c.jsonl", ids: 30..<35)  // a new file joins, read from its start
        #expect(eventually { collector.ids.count == 35 })
        #expect(collector.events(node: "node-1") == 35)
        #expect(collector.lastStatus?.state == .connected)
        #expect(collector.lastStatus?.files == 3)
    }

    @Test func noLossNoDuplicatesAcrossDropsAndRotations() {
        let node = Node()
        defer { node.remove() }
        node.append("app.jsonl", ids: 0..<100)
        node.append("copy.jsonl", ids: 1000..<1100)
        let collector = Collector(symbols: SymbolTable())
        let f = follower(node, patterns: ["app.jsonl", "copy.jsonl"], collector: collector)
        defer { f.stop() }
        #expect(eventually { collector.ids.count == 200 })
        var next = 100, nextCopy = 1100
        for round in 0..<4 {
            // One rotation per outage (a file created and rotated away within one outage is
            // found only by a pattern that matches rotated names).
            let connects = collector.lastStatus?.connects ?? 0
            #expect(eventually { (collector.lastStatus?.connects ?? 0) == connects && collector.lastStatus?.state == .connected })
            f.dropConnection()
            node.append("app.jsonl", ids: next..<(next + 50))
            node.append("copy.jsonl", ids: nextCopy..<(nextCopy + 50))
            next += 50
            nextCopy += 50
            if round % 2 == 0 {
                // Rename-and-create while disconnected: the rest of the old file, then the new one.
                try! FileManager.default.moveItem(atPath: node.path("app.jsonl"), toPath: node.path("app.jsonl.\(round)"))
                node.append("app.jsonl.\(round)", ids: next..<(next + 10))  // written after the rename
                next += 10
                node.append("app.jsonl", ids: next..<(next + 20))
                next += 20
            } else {
                // copytruncate while disconnected: the lines after the last read are in the copy.
                let copy = node.path("copy.jsonl.\(round)")
                try! FileManager.default.copyItem(atPath: node.path("copy.jsonl"), toPath: copy)
                try! FileHandle(forWritingAtPath: node.path("copy.jsonl"))!.truncate(atOffset: 0)
                node.append("copy.jsonl", ids: nextCopy..<(nextCopy + 20))
                nextCopy += 20
            }
            #expect(eventually { (collector.lastStatus?.connects ?? 0) > connects })
        }
        let expected = Set(0..<next).union(1000..<nextCopy)
        #expect(eventually(15) { Set(collector.ids) == expected })
        #expect(collector.ids.count == expected.count)  // each exactly once
        let missing = expected.subtracting(collector.ids).sorted()
        #expect(missing.isEmpty, "missing \(missing.count): \(missing.prefix(20))")
        #expect((collector.lastStatus?.connects ?? 0) >= 5)
    }

    @Test func backlogStartsAtALineBoundary() {
        let node = Node()
        defer { node.remove() }
        node.append("big.jsonl", ids: 0..<1000)  // about 31 bytes a line
        let collector = Collector(symbols: SymbolTable())
        let f = follower(node, patterns: ["big.jsonl"], collector: collector, backlog: 310)
        defer { f.stop() }
        #expect(eventually { collector.ids.contains(999) })
        Thread.sleep(forTimeInterval: 0.2)
        let ids = collector.ids
        #expect(ids.count >= 9 && ids.count <= 11)
        #expect(ids == Array((1000 - ids.count)..<1000))  // whole lines only, the last ones
    }

    @Test func aFailingConnectionSaysWhy() {
        let node = Node()
        defer { node.remove() }
        let collector = Collector(symbols: SymbolTable())
        let f = follower(node, patterns: [], collector: collector,
                         command: ["sh", "-c", "echo 'root@node-1: Permission denied (publickey).' >&2; exit 255"])
        defer { f.stop() }
        #expect(eventually {
            if case .retrying? = collector.lastStatus?.state { return collector.lastStatus?.failures ?? 0 >= 2 }
            return false
        })
        #expect(collector.lastStatus?.lastError == "Permission denied (publickey).")  // without the destination prefix
    }
}

@Suite struct RemoteTargetTests {
    @Test func parsesAddresses() {
        let t = RemoteTarget("ssh://deploy@node-2:2222/var/log/*.jsonl")
        #expect(t?.user == "deploy" && t?.host == "node-2" && t?.port == 2222 && t?.pattern == "/var/log/*.jsonl")
        #expect(t?.destination == "deploy@node-2:2222")
        #expect(t?.destinationArguments == ["-l", "deploy", "-p", "2222", "--", "node-2"])
        #expect(RemoteTarget("ssh://node-1/~/logs/a.jsonl")?.pattern == "logs/a.jsonl")
        #expect(RemoteTarget("ssh://[::1]:22/x")?.host == "::1")
        for bad in ["ssh://node-1", "ssh:///x", "ssh://node:99999/x", "ssh://-oProxyCommand=x/y", "ssh://@h/x", "/local/file"] {
            #expect(RemoteTarget(bad) == nil, "\(bad)")
        }
    }

    /// The remote command survives a shell's re-parsing (what ssh's remote shell does) with a
    /// pattern holding a quote and spaces.
    @Test func commandQuotesEverything() throws {
        let dir = NSTemporaryDirectory() + "modeltop it's here \(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/a b.jsonl", contents: Data("{}\n".utf8))
        let command = RemoteScript.command(patterns: [dir + "/*.jsonl"])
        let child = try ChildProcess(["sh", "-c", command])
        try child.write(Array("POLL 10\nEND\n".utf8))
        child.closeInput()
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while case let n = read(child.output, &chunk, chunk.count), n > 0 { out += chunk[..<n] }
        child.wait()
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains(" 3 3 "))  // size 3, head 3 bytes
        #expect(text.contains("\(dir)/a b.jsonl\n"))
        #expect(text.contains("DONE "))
    }
}
