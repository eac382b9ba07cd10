import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopText
import Synchronization
import Testing
@testable import ModelTopApp
@testable import ModelTopUI

@Suite(.serialized) struct AlertsAndPreferencesTests {
    /// `watch --no-tui` prints each severity change on its own line.
    @Test func jsonLinesCarryAlerts() throws {
        let clock = TestClock()
        let mailbox = Mailbox<LoopControl>()
        let session = AppFixture.session()
        mailbox.send(AppFixture.batch(symbols: session.monitor.symbols, count: 1200))
        var lines: [String] = []
        var loop = JSONLinesLoop(interval: 1)
        loop.clock = { clock.now }
        loop.alertInterval = 0  // look for changes on every turn
        var sent = false
        loop.write = { line in
            lines.append(line)
            clock.now += 2
            if !sent {
                sent = true
                mailbox.send(control: .signal(SIGTERM))
            }
        }
        let (end, _) = try loop.run(session: session, sources: [], mailbox: mailbox)
        let alerts = lines.filter { $0.contains(#""type": "alert""#) }
        #expect(alerts.contains { $0.contains(#""model": "a""#) && $0.contains(#""to": "alert""#) && $0.contains(#""subject": "model""#) })
        #expect(alerts.contains { $0.contains(#""subject": "feature", "feature": "x""#) })
        #expect(!alerts.contains { $0.contains(#""model": "b""#) && $0.contains(#""subject": "model""#) })  // b stays OK: no change
        #expect(end.alerts.log.count == alerts.count)
        // A report line follows each batch of alert lines at once: the last line is a report.
        let lastAlert = try #require(lines.lastIndex { $0.contains(#""type": "alert""#) })
        #expect(lines[lastAlert + 1].contains(#""ingest""#))
    }

    @Test func onAlertRunsTheCommandWithTheChange() throws {
        let dir = NSTemporaryDirectory() + "modeltop-on-alert-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let failures = Mutex<[String]>([])
        let notifier = AlertNotifier(command: "cat >> '\(dir)/changes'") { line in failures.withLock { $0.append(line) } }
        notifier.send([#"{"type":"alert","n":1}"#, #"{"type":"alert","n":2}"#])
        let end = Date().addingTimeInterval(10)
        while Date() < end, ((try? String(contentsOfFile: dir + "/changes", encoding: .utf8)) ?? "").split(separator: "\n").count < 2 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(try String(contentsOfFile: dir + "/changes", encoding: .utf8) == "{\"type\":\"alert\",\"n\":1}\n{\"type\":\"alert\",\"n\":2}\n")
        #expect(failures.withLock { $0 }.isEmpty)
        let failing = AlertNotifier(command: "echo 'webhook refused' >&2; exit 7") { line in failures.withLock { $0.append(line) } }
        failing.send(["{}"])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, failures.withLock({ $0.isEmpty }) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(failures.withLock { $0 } == ["--on-alert: exit 7: webhook refused"])
    }

    @Test func preferencesRoundTrip() throws {
        let path = NSTemporaryDirectory() + "modeltop-prefs-\(UUID().uuidString)/modeltop/config.toml"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var warnings: [String] = []
        #expect(PreferencesStore.load(from: path, warnings: &warnings) == Preferences())  // no file yet
        let chosen = Preferences(theme: "light", sort: SortSpec(column: .psi, descending: false), hiddenColumns: [.reason, .nodes])
        try PreferencesStore.save(chosen, to: path)
        #expect(PreferencesStore.load(from: path, warnings: &warnings) == chosen)
        #expect(warnings.isEmpty)
        try "[display]\nsort = \"colour\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(PreferencesStore.load(from: path, warnings: &warnings) == Preferences())
        #expect(warnings.first?.contains("config.toml:2: key 'sort': unknown column") == true)
    }

    @Test func configFileDisplayTableOverridesKeptChoices() throws {
        let document = try TOMLDocument(parsing: "[display]\ntheme = \"high-contrast\"\nsort = \"ev/s\"\n", file: "c.toml")
        let configuration = try Configuration(document: document, file: "c.toml")
        let fromConfig = try PreferencesStore.parse(configuration.display, file: "c.toml")
        let kept = Preferences(theme: "light", sort: .default, hiddenColumns: [.reason])
        let merged = kept.overridden(by: fromConfig)
        #expect(merged.theme == "high-contrast")
        #expect(merged.sort == SortSpec(column: .throughput, descending: true))
        #expect(merged.hiddenColumns == [.reason])
    }
}
