import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopText
import Testing
@testable import ModelTopReport

/// `report` over the fixture logs of scripts/make-fixtures.py, compared number by number with
/// what numpy/scipy computed from the same events.
@Suite struct ReportFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/report")

    /// expected.json (decoded with JSONDecoder, whose number parsing is correctly rounded).
    struct Expected: Decodable {
        struct Test: Decodable {
            var statistic: Double
            var pvalue: Double
            var dof: Int?
        }

        struct Feature: Decodable {
            var name: String
            var kind: String
            var reference_count: Int
            var current_count: Int
            var missing_rate: Double?
            var psi: Double?
            var ks: Test?
            var chi2: Test?
            var mismatched: Int?
            var capped: Bool?
        }

        struct Model: Decodable {
            var model: String
            var task: String?
            var predictions: Int
            var compared_predictions: Int
            var labels_joined: Int
            var unmatched_labels: Int
            var expired_predictions: Int
            var pending_predictions: Int
            var pending_labels: Int
            var accuracy: Double?
            var macro_precision: Double?
            var macro_recall: Double?
            var macro_f1: Double?
            var reference_accuracy: Double?
            var precision: Double?
            var recall: Double?
            var f1: Double?
            var roc_auc: Double?
            var mae: Double?
            var rmse: Double?
            var latency_ms: [String: Double]?
            var features: [Feature]
            var prediction_drift: Feature
        }

        var reference_size: Int
        var tasks: [String: String]
        var ingest: [String: Int]
        var models: [Model]
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    /// The report's JSON, built as `modeltop report --reference reference.jsonl current.jsonl`
    /// with a config file that sets the tasks.
    static func report(referenceSize: Int, tasks: [String: String]) -> JSONValue {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration.exact
        configuration.referenceSize = referenceSize
        configuration.tasks = tasks.compactMapValues(ModelTask.init(rawValue:))
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        let reference = SourceGroup(inputs: [folder.appendingPathComponent("reference.jsonl").path], options: FollowOptions(),
                                    mapping: FieldMapping(), symbols: symbols)
        reference.readToEnd { batch in
            monitor.addReference(batch.events)
            batch.recycle()
        }
        monitor.finishReferences()
        var summary = IngestSummary()
        let current = SourceGroup(inputs: [folder.appendingPathComponent("current.jsonl").path], options: FollowOptions(),
                                  mapping: FieldMapping(), symbols: symbols)
        current.readToEnd { batch in
            summary.apply(batch)
            monitor.apply(batch.events)
            batch.recycle()
        }
        monitor.finish()
        return FleetReport(ingest: summary, monitor: monitor).json()
    }

    @Test func everyNumberMatchesScipy() throws {
        let expected = try Self.expected()
        let json = Self.report(referenceSize: expected.reference_size, tasks: expected.tasks)
        for (key, value) in expected.ingest {
            #expect(json["ingest"]?[key] == .int(value), "ingest \(key)")
        }
        guard case .array(let models)? = json["models"] else {
            Issue.record("no models")
            return
        }
        #expect(models.count == expected.models.count)
        for (model, want) in zip(models, expected.models) {
            let name = want.model
            #expect(model["model"] == .string(name))
            #expect(model["predictions"] == .int(want.predictions), "\(name) predictions")
            #expect(model["task"] == .string(want.task), "\(name) task")
            #expect(model["compared_predictions"] == .int(want.compared_predictions), "\(name) compared_predictions")
            #expect(model["labels_joined"] == .int(want.labels_joined), "\(name) labels_joined")
            #expect(model["unmatched_labels"] == .int(want.unmatched_labels), "\(name) unmatched_labels")
            #expect(model["expired_predictions"] == .int(want.expired_predictions), "\(name) expired_predictions")
            #expect(model["pending_predictions"] == .int(want.pending_predictions), "\(name) pending_predictions")
            #expect(model["pending_labels"] == .int(want.pending_labels), "\(name) pending_labels")
            let numbers: [(String, Double?)] = [
                ("accuracy", want.accuracy), ("reference_accuracy", want.reference_accuracy),
                ("precision", want.precision), ("recall", want.recall), ("f1", want.f1), ("roc_auc", want.roc_auc),
                ("macro_precision", want.macro_precision), ("macro_recall", want.macro_recall), ("macro_f1", want.macro_f1),
                ("mae", want.mae), ("rmse", want.rmse),
            ]
            for (key, value) in numbers { compare(model[key], value, relative: 1e-12, "\(name) \(key)") }
            for (q, value) in want.latency_ms ?? [:] {
                compare(model["latency_ms"]?[q], value, relative: 0.002, "\(name) latency \(q)")  // histogram bound
            }
            guard case .array(let features)? = model["features"] else {
                Issue.record("\(name): no features")
                continue
            }
            #expect(features.map { $0["name"] } == want.features.map { .string($0.name) }, "\(name) feature names")
            for (feature, wantFeature) in zip(features, want.features) {
                compareFeature(feature, wantFeature, "\(name).\(wantFeature.name)")
            }
            compareFeature(model["prediction_drift"] ?? .null, want.prediction_drift, "\(name) prediction drift")
        }
    }

    func compareFeature(_ feature: JSONValue, _ want: Expected.Feature, _ label: String) {
        #expect(feature["kind"] == .string(want.kind), "\(label) kind")
        #expect(feature["reference_count"] == .int(want.reference_count), "\(label) reference_count")
        #expect(feature["current_count"] == .int(want.current_count), "\(label) current_count")
        compare(feature["missing_rate"], want.missing_rate, relative: 1e-15, "\(label) missing_rate")
        if let mismatched = want.mismatched { #expect(feature["mismatched"] == .int(mismatched), "\(label) mismatched") }
        if let capped = want.capped { #expect(feature["capped"] == .bool(capped), "\(label) capped") }
        compare(feature["psi"], want.psi, relative: 1e-12, "\(label) psi")
        for (test, wantTest) in [("ks", want.ks), ("chi2", want.chi2)] {
            compare(feature[test]?["statistic"], wantTest?.statistic, relative: test == "ks" ? 0 : 1e-12, "\(label) \(test) statistic")
            compare(feature[test]?["pvalue"], wantTest?.pvalue, relative: 1e-9, "\(label) \(test) p-value")
            if let dof = wantTest?.dof { #expect(feature[test]?["dof"] == .int(dof), "\(label) \(test) dof") }
        }
    }

    func compare(_ got: JSONValue?, _ want: Double?, relative: Double, _ label: String) {
        switch (got ?? .null, want) {
        case (.null, nil): break
        case (.number(let x), let w?): #expect(close(x, w, relative: relative), "\(label): \(x) vs \(w)")
        case (.int(let i), let w?): #expect(close(Double(i), w, relative: relative), "\(label): \(i) vs \(w)")
        default: Issue.record("\(label): \(String(describing: got)) vs \(String(describing: want))")
        }
    }
}

func close(_ a: Double, _ b: Double, relative: Double) -> Bool {
    a == b || abs(a - b) <= relative * max(abs(a), abs(b))
}
