import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopReport

/// `modeltop check` rules: parsing with errors that name file, line and key, and each check's
/// pass, fail and no-data results.
@Suite struct PolicyTests {
    /// A classifier `fraud` (v1 alone, then v1 and v2; v2 worse and slower, its `amount`
    /// shifted) and a regressor `price`, with error-rate metrics for fraud.
    static func report() -> FleetReport {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = 500
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        var batch = EventBatch()
        let fraud = symbols.intern("fraud"), price = symbols.intern("price"), node = symbols.intern("n1")
        let amount = symbols.intern("amount")
        for i in 0..<3000 {
            let v2 = i >= 1500 && i % 2 == 1
            let k = i < 1500 ? i : i / 2
            let right = v2 ? k % 10 < 7 : k % 10 != 0
            batch.append(Event(kind: .prediction, model: fraud, node: node, version: symbols.intern(v2 ? "v2" : "v1"), time: Double(i),
                               prediction: .number(1), label: .number(right ? 1 : 0), latency: v2 ? 40 : 10),
                         features: [.init(name: amount, value: .number(Double(i % 100) + (v2 ? 50 : 0)))])
            batch.append(Event(kind: .prediction, model: price, node: node, time: Double(i), prediction: .number(Double(i % 7)),
                               label: .number(Double(i % 7) + (i % 2 == 0 ? 0.5 : -0.5))),
                         features: [.init(name: amount, value: .number(Double(i % 100)))])
        }
        for i in 0..<10 {
            batch.append(Event(kind: .metric, model: fraud, node: node, time: Double(i * 100), metric: symbols.intern("error_rate"), value: 0.02))
        }
        monitor.apply(batch)
        monitor.finish()
        return FleetReport(ingest: IngestSummary(), monitor: monitor)
    }

    static func evaluate(_ toml: String) throws -> PolicyResult {
        PolicyResult(policy: try Policy(parsing: toml, file: "p.toml"), report: report(), events: 6010)
    }

    @Test func everyCheckPassesFailsOrHasNoData() throws {
        let result = try Self.evaluate("""
            [[rules]]
            model = "fraud"
            accuracy_min = 0.8          # 0.85 overall: pass
            accuracy_drop_max = 0.01    # 0.90 in the reference: fail
            p99_latency_ms_max = 20     # 40 ms for v2: fail
            error_rate_max = 0.05       # pass
            predictions_min = 10000     # fail
            mae_max = 1                 # a classifier: no data
            psi_max = 0.1
            ks_pvalue_min = 0.001
            missing_rate_max = 0.0

            [[rules]]
            model = "price"
            mae_max = 0.6               # 0.5: pass
            accuracy_min = 0.5          # a regressor: no data

            [[rules]]
            model = "fraud"
            version = "v1"
            p99_latency_ms_max = 20     # v1 alone: pass
            psi_max = 0.1

            [[rules]]
            model = "fraud"
            version = "v9"
            accuracy_min = 0.5

            [[rules]]
            model = "churn*"
            psi_max = 0.2
            """)
        func status(_ rule: Int, _ check: String, feature: String? = nil) -> PolicyResult.Status? {
            result.items.first { $0.rule == rule && $0.check == check && (feature == nil || $0.feature == feature) }?.status
        }
        #expect(status(1, "accuracy_min") == .pass)
        #expect(status(1, "accuracy_drop_max") == .fail)
        #expect(status(1, "p99_latency_ms_max") == .fail)
        #expect(status(1, "error_rate_max") == .pass)
        #expect(status(1, "predictions_min") == .fail)
        #expect(status(1, "mae_max") == .noData)
        // The overall window mixes v2's shifted amount in: PSI above 0.1, and a tiny KS p.
        #expect(status(1, "psi_max", feature: "amount") == .fail)
        #expect(status(1, "ks_pvalue_min", feature: "amount") == .fail)
        #expect(status(1, "missing_rate_max", feature: "amount") == .pass)
        #expect(status(2, "mae_max") == .pass)
        #expect(status(2, "accuracy_min") == .noData)
        #expect(status(3, "p99_latency_ms_max") == .pass)
        #expect(status(3, "psi_max", feature: "amount") == .pass)
        #expect(status(4, "accuracy_min") == .noData)
        #expect(status(5, "psi_max") == .noData)
        #expect(result.exitStatus == 3)
        let message = try #require(result.items.first { $0.rule == 1 && $0.check == "p99_latency_ms_max" }?.message)
        #expect(message.hasPrefix("p99 latency") && message.contains("> 20.0ms"))
        #expect(result.items.first { $0.rule == 1 && $0.check == "accuracy_min" }?.line == 3)
    }

    @Test func canaryGateFailsOnlyWhenSignificantlyWorseThanTheMargin() throws {
        // v2 is 20 points below v1: worse than a 2-point margin, significantly.
        let strict = try Self.evaluate("[[rules]]\nmodel = \"fraud\"\ncandidate = \"v2\"\nbaseline = \"v1\"\nmax_accuracy_drop = 0.02\n")
        #expect(strict.items.map(\.status) == [.fail])
        #expect(strict.items[0].observed.map { abs($0 + 0.2) < 1e-9 } == true)
        // A margin of 30 points allows it.
        let lenient = try Self.evaluate("[[rules]]\nmodel = \"fraud\"\ncandidate = \"v2\"\nbaseline = \"v1\"\nmax_accuracy_drop = 0.3\n")
        #expect(lenient.items.map(\.status) == [.pass])
        #expect(lenient.exitStatus == 0)
        let absent = try Self.evaluate("[[rules]]\nmodel = \"fraud\"\ncandidate = \"v3\"\nbaseline = \"v1\"\nmax_accuracy_drop = 0.02\n")
        #expect(absent.items.map(\.status) == [.noData])
        #expect(absent.exitStatus == 4)
    }

    @Test(arguments: [
        ("[[rules]]\nmodel = \"m\"\npsi_maxx = 0.2", 3, "psi_maxx", "unknown key"),
        ("[[rules]]\nmodel = \"m\"\naccuracy_min = 2", 3, "accuracy_min", "expected a share from 0 to 1"),
        ("[[rules]]\npsi_max = 0.2", 2, "model", "rule 1 has no model"),
        ("[[rules]]\nmodel = \"m\"", 2, nil, "rule 1 checks nothing"),
        ("model = \"m\"", 1, "model", "outside a [[rules]] table"),
        ("[[rules]]\nmodel = \"m\"\ncandidate = \"v2\"\nmax_accuracy_drop = 0.02", 3, "baseline", "a canary rule needs candidate and baseline"),
        ("[[rules]]\nmodel = \"m\"\ncandidate = \"v2\"\nbaseline = \"v1\"", 3, "max_accuracy_drop", "a canary rule needs max_accuracy_drop"),
        ("[[rules]]\nmodel = \"m\"\npsi_max = 0.2\npsi_max = 0.3", 4, "psi_max", "defined twice"),
    ] as [(String, Int, String?, String)])
    func badPoliciesNameTheLineAndKey(text: String, line: Int, key: String?, message: String) {
        do {
            _ = try Policy(parsing: text, file: "p.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.key == key, "\(text): \(error)")
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    /// JUnit: one suite per model, failures and errors counted; XML special characters escaped.
    @Test func junitAndMarkdown() throws {
        let result = try Self.evaluate("[[rules]]\nmodel = \"fraud\"\naccuracy_drop_max = 0.01\n\n[[rules]]\nmodel = \"<x&y>\"\npsi_max = 0.1\n")
        let xml = result.junit()
        #expect(xml.contains(#"<testsuites name="modeltop check" tests="2" failures="1" errors="1">"#))
        #expect(xml.contains(#"<testsuite name="fraud" tests="1" failures="1" errors="0">"#))
        #expect(xml.contains(#"<testsuite name="&lt;x&amp;y&gt;" tests="1" failures="0" errors="1">"#))
        #expect(xml.contains(#"<failure message="accuracy drop "#))
        let markdown = result.markdown()
        #expect(markdown.hasPrefix("### modeltop check failed\n"))
        #expect(markdown.contains("| ❌ | fraud | `accuracy_drop_max` |"))
        #expect(result.githubAnnotations().first?.hasPrefix("::error file=p.toml,line=3,title=modeltop check%3A fraud accuracy_drop_max::") == true)
    }
}
