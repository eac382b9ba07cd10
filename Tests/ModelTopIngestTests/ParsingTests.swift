import Testing
import ModelTopText
@testable import ModelTopIngest

@Suite struct ConfigurationTests {
    @Test func configurationRejectsUnknownKeysWithLine() throws {
        let doc = try TOMLDocument(parsing: "model = \"a.b\"\nmodle = \"x\"\n", file: "c.toml")
        #expect(throws: TOMLError.self) { try Configuration(document: doc, file: "c.toml") }
        do {
            _ = try Configuration(document: doc, file: "c.toml")
        } catch {
            #expect(error.line == 2)
            #expect(error.key == "modle")
            #expect(error.description.hasPrefix("c.toml:2: key 'modle': unknown field"))
        }
        let bad = try TOMLDocument(parsing: "score = 3\n", file: "c.toml")
        #expect(throws: TOMLError.self) { try Configuration(document: bad, file: "c.toml") }
    }

    @Test func dottedPaths() {
        #expect(FieldMapping.keys(ofDottedPath: "a.b.c") == ["a", "b", "c"])
        #expect(FieldMapping.keys(ofDottedPath: "a\\.b.c") == ["a.b", "c"])
        #expect(FieldMapping.keys(ofDottedPath: "a..b") == nil)
        #expect(FieldMapping.keys(ofDottedPath: "") == nil)
    }
}

@Suite struct SmallParsingTests {
    @Test func sizes() {
        #expect(Units.bytes("64MiB") == 64 << 20)
        #expect(Units.bytes("64 MB") == 64 << 20)
        #expect(Units.bytes("1G") == 1 << 30)
        #expect(Units.bytes("500k") == 500 << 10)
        #expect(Units.bytes("123") == 123)
        #expect(Units.bytes("1.5k") == 1536)
        #expect(Units.bytes("x") == nil)
        #expect(Units.bytes("5 parsecs") == nil)
    }

    @Test func durations() {
        #expect(Units.seconds("1s") == 1)
        #expect(Units.seconds("250ms") == 0.25)
        #expect(Units.seconds("2m") == 120)
        #expect(Units.seconds("1h") == 3600)
        #expect(Units.seconds("3") == 3)
        #expect(Units.seconds("-1s") == nil)
        #expect(Units.seconds("1y") == nil)
    }

    @Test func sourceNames() {
        #expect(SourceName.of(path: "logs/node-a.jsonl") == "node-a")
        #expect(SourceName.of(path: "/var/log/app.jsonl.1") == "app")
        #expect(SourceName.of(path: "app.jsonl.2.gz") == "app")
        #expect(SourceName.of(path: "app.jsonl-20261126") == "app")
        #expect(SourceName.of(path: "app.log") == "app")
        #expect(SourceName.of(path: "server-2") == "server-2")
        #expect(SourceName.of(path: "v1.2") == "v1")
        #expect(SourceName.of(path: "-") == "stdin")
    }
}

@Suite struct UnitTextTests {
    @Test func durationsAndSizesReadBack() {
        for seconds in [0.25, 1, 90, 60, 3600, 86_400, 7200] {
            #expect(Units.seconds(Units.text(seconds: seconds)) == seconds)
        }
        #expect(Units.text(seconds: 60) == "1m")
        #expect(Units.text(seconds: 0.5) == "500ms")
        for bytes in [64 << 20, 1 << 30, 100, 1536] {
            #expect(Units.bytes(Units.text(bytes: bytes)) == bytes)
        }
        #expect(Units.text(bytes: 64 << 20) == "64MiB")
    }
}

@Suite struct ConfigurationRangeTests {
    func parse(_ text: String) throws -> Configuration {
        try Configuration(document: TOMLDocument(parsing: text, file: "c.toml"), file: "c.toml")
    }

    func failure(_ text: String) -> TOMLError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? TOMLError
        }
    }

    @Test func tasksThresholdsAndClock() throws {
        let c = try parse("""
            [models.price]
            task = "regression"
            [models."fraud.v2"]
            task = "binary"
            [thresholds]
            p99_latency_ms_warn = 250
            p99_latency_ms_alert = 1000
            error_rate_alert = 0.05
            [clock]
            max_ahead = "6h"
            """)
        #expect(c.tasks == ["price": .regression, "fraud.v2": .binary])
        #expect(c.thresholds.p99LatencyWarn == 250)
        #expect(c.thresholds.errorRateAlert == 0.05)
        #expect(c.thresholds.errorRateWarn == nil)
        #expect(c.maxAhead == 21_600)
    }

    @Test(arguments: [
        ("[thresholds]\nmin_samples = 1e19", 2, "min_samples", "expected a number from 1 to 1000000000"),
        ("[thresholds]\nmin_samples = 2.5", 2, "min_samples", "expected a whole number"),
        ("[thresholds]\npsi_warn = 0.3\npsi_alert = 0.2", 2, "psi_warn", "psi_warn (0.3) is above psi_alert (0.2)"),
        ("[thresholds]\npsi_alert = 0.05", 2, "psi_alert", "psi_warn (0.1) is above psi_alert (0.05)"),
        ("[models.m]\ntask = \"ranking\"", 2, "task", "expected one of"),
        ("[models.m]\ntasks = \"binary\"", 2, "tasks", "unknown key"),
        ("[clock]\nmax_ahead = \"soon\"", 2, "max_ahead", "expected a duration"),
        ("[alerts]\nx = 1", 2, "x", "unknown table [alerts]"),
        ("[display]\ntheme = \"light\"\nsortt = \"psi\"", 3, "sortt", "unknown key in [display]"),
        ("[thresholds]\nestimated_accuracy = 1", 2, "estimated_accuracy", "expected true or false"),
    ])
    func badValuesNameTheLineAndKey(text: String, line: Int, key: String, message: String) {
        let error = failure(text)
        #expect(error?.line == line, "\(text)")
        #expect(error?.key == key)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "no error")")
    }

    @Test func anUnreadableFileHasNoLineZero() {
        #expect(throws: TOMLError.self) { try Configuration(contentsOf: "/nonexistent/modeltop.toml") }
        do {
            _ = try Configuration(contentsOf: "/nonexistent/modeltop.toml")
        } catch {
            #expect(error.description == "/nonexistent/modeltop.toml: No such file or directory")
        }
        do {
            _ = try Configuration(contentsOf: "/tmp")
        } catch {
            #expect(error.description == "/tmp: Is a directory")
        }
    }
}
