import Foundation
import ModelTopCore
import ModelTopSystem
import ModelTopText

/// The contents of a `--config` file (TOML).
///
/// ```toml
/// # where the schema fields are in your logs (dotted key paths)
/// model = "meta.model_name"
/// features = "request.inputs"
/// score = "response.probability"
///
/// [thresholds]        # when a model turns WARN or ALERT
/// psi_warn = 0.1
/// psi_alert = 0.25
/// accuracy_drop_warn = 0.05    # 5 points below the reference accuracy
/// accuracy_drop_alert = 0.10
/// p99_latency_ms_warn = 250    # off unless set
/// p99_latency_ms_alert = 1000
/// error_rate_warn = 0.01       # off unless set
/// error_rate_alert = 0.05
/// min_samples = 200            # smaller windows are not judged
///
/// [models.price]      # per model
/// task = "regression"          # binary | multiclass | regression (else inferred)
/// features = ["rooms", "area"] # names of unnamed input columns (KServe V1 arrays, V2 tensors)
///
/// [clock]
/// max_ahead = "1d"             # event times further ahead of the clock are out of range
/// ```
public struct Configuration: Sendable, Equatable {
    public var fields = FieldMapping()
    public var thresholds = AlertThresholds()
    /// Tasks set per model name.
    public var tasks: [String: ModelTask] = [:]
    /// Names of the unnamed input columns of a model's inference payloads, in order.
    public var featureNames: [String: [String]] = [:]
    /// Seconds an event may be ahead of the event-time clock (nil: the default).
    public var maxAhead: Double?
    /// The `[display]` table (dashboard preferences: theme, sort, hidden columns), checked by
    /// the dashboard.
    public var display: [TOMLDocument.Entry] = []
    /// The file it was read from (for messages about the entries checked later).
    public var file = "--config"

    public init() {}

    /// Reads and validates the file at `path`.
    public init(contentsOf path: String) throws(TOMLError) {
        let text: String
        do {
            text = try SmallFile.read(path)
        } catch {
            throw TOMLError(file: path, line: 0, message: error.message)
        }
        try self.init(document: try TOMLDocument(parsing: text, file: path), file: path)
    }

    /// The ranges numeric settings must lie in.
    static let ranges: [String: ClosedRange<Double>] = [
        "psi_warn": 0...100, "psi_alert": 0...100, "accuracy_drop_warn": 0...1, "accuracy_drop_alert": 0...1,
        "p99_latency_ms_warn": 0...1e9, "p99_latency_ms_alert": 0...1e9, "error_rate_warn": 0...1, "error_rate_alert": 0...1,
        "min_samples": 1...1e9,
    ]

    /// Validates a parsed document; unknown keys and tables are errors.
    public init(document: TOMLDocument, file: String) throws(TOMLError) {
        self.file = file
        var lines: [String: Int] = [:]
        for entry in document.entries {
            let fail = { (message: String) in TOMLError(file: file, line: entry.line, key: entry.key, message: message) }
            lines[entry.key] = entry.line
            switch entry.table {
            case "":
                guard let field = SchemaField(name: entry.key) else {
                    let known = SchemaField.allCases.map(\.name).joined(separator: ", ")
                    throw fail("unknown field (known: \(known))")
                }
                guard case .string(let path) = entry.value else {
                    throw fail("expected a dotted key path as a string, found \(entry.value.typeName)")
                }
                guard let keys = FieldMapping.keys(ofDottedPath: path) else {
                    throw fail("'\(path)' is not a key path (empty key)")
                }
                fields[field] = keys
            case "thresholds" where entry.key == "estimated_accuracy":
                guard case .bool(let on) = entry.value else { throw fail("expected true or false, found \(entry.value.text)") }
                thresholds.estimatedAccuracy = on
            case "thresholds":
                guard let range = Self.ranges[entry.key] else {
                    throw fail("unknown threshold (known: \((Self.ranges.keys.sorted() + ["estimated_accuracy"]).joined(separator: ", ")))")
                }
                guard let number = entry.value.number, range.contains(number) else {
                    throw fail("expected a number from \(Format.shortest(range.lowerBound)) to \(Format.shortest(range.upperBound)), found \(entry.value.text)")
                }
                switch entry.key {
                case "psi_warn": thresholds.psiWarn = number
                case "psi_alert": thresholds.psiAlert = number
                case "accuracy_drop_warn": thresholds.accuracyDropWarn = number
                case "accuracy_drop_alert": thresholds.accuracyDropAlert = number
                case "p99_latency_ms_warn": thresholds.p99LatencyWarn = number
                case "p99_latency_ms_alert": thresholds.p99LatencyAlert = number
                case "error_rate_warn": thresholds.errorRateWarn = number
                case "error_rate_alert": thresholds.errorRateAlert = number
                default:
                    guard number == number.rounded() else { throw fail("expected a whole number, found \(entry.value.text)") }
                    thresholds.minimumSamples = Int(number)
                }
            case "clock":
                guard entry.key == "max_ahead" else { throw fail("unknown key in [clock] (known: max_ahead)") }
                let seconds: Double?
                switch entry.value {
                case .string(let text): seconds = Units.seconds(text)
                default: seconds = entry.value.number
                }
                guard let seconds, seconds > 0, seconds <= 10 * 365 * 86_400 else {
                    throw fail("expected a duration from 1s to 10 years (\"1d\", \"6h\" or seconds), found \(entry.value.text)")
                }
                maxAhead = seconds
            case let table where table.hasPrefix("models.") && table.count > 7:
                let model = String(table.dropFirst(7))
                switch entry.key {
                case "task":
                    guard case .string(let name) = entry.value, let task = ModelTask(rawValue: name) else {
                        throw fail("expected one of \(ModelTask.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \(entry.value.text)")
                    }
                    tasks[model] = task
                case "features":
                    guard case .array(let items) = entry.value, !items.isEmpty,
                        case let names = items.compactMap({ if case .string(let s) = $0 { s } else { nil } }),
                        names.count == items.count, !names.contains("")
                    else {
                        throw fail("expected an array of feature names (\"a\", \"b\"), found \(entry.value.text)")
                    }
                    featureNames[model] = names
                default:
                    throw fail("unknown key in [\(table)] (known: task, features)")
                }
            case "display":
                // The values are the dashboard's to check; unknown keys are errors for every command.
                guard ["theme", "sort", "descending", "hide"].contains(entry.key) else {
                    throw fail("unknown key in [display] (known: theme, sort, descending, hide)")
                }
                display.append(entry)
            default:
                throw fail("unknown table [\(entry.table)] (known: [thresholds], [models.NAME], [clock], [display])")
            }
        }
        try checkOrder("psi_warn", thresholds.psiWarn, "psi_alert", thresholds.psiAlert, lines: lines, file: file)
        try checkOrder("accuracy_drop_warn", thresholds.accuracyDropWarn, "accuracy_drop_alert", thresholds.accuracyDropAlert,
                       lines: lines, file: file)
        try checkOrder("p99_latency_ms_warn", thresholds.p99LatencyWarn, "p99_latency_ms_alert", thresholds.p99LatencyAlert,
                       lines: lines, file: file)
        try checkOrder("error_rate_warn", thresholds.errorRateWarn, "error_rate_alert", thresholds.errorRateAlert,
                       lines: lines, file: file)
    }

    /// A warn threshold above its alert threshold can never warn: an error naming the key.
    private func checkOrder(_ warnKey: String, _ warn: Double?, _ alertKey: String, _ alert: Double?, lines: [String: Int],
                            file: String) throws(TOMLError) {
        guard let warn, let alert, warn > alert else { return }
        let key = lines[warnKey] != nil ? warnKey : alertKey
        throw TOMLError(file: file, line: lines[key] ?? 1, key: key,
                        message: "\(warnKey) (\(Format.shortest(warn))) is above \(alertKey) (\(Format.shortest(alert)))")
    }

    /// Applies the file's thresholds, tasks and clock settings to a monitor configuration.
    public func apply(to monitor: inout MonitorConfiguration) {
        monitor.thresholds = thresholds
        monitor.tasks = tasks
        if let maxAhead { monitor.maxAhead = maxAhead }
    }
}
