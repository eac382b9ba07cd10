import ModelTopText

/// A `modeltop check` policy: `[[rules]]` tables of a TOML file, each naming a model (a glob),
/// optionally a feature (a glob) or a version, and thresholds; or a canary gate comparing a
/// candidate version with a baseline version.
public struct Policy: Sendable {
    /// One threshold a rule checks.
    public enum Check: String, Sendable, CaseIterable {
        case psiMax = "psi_max"
        case ksPValueMin = "ks_pvalue_min"
        case accuracyMin = "accuracy_min"
        case accuracyDropMax = "accuracy_drop_max"
        case maeMax = "mae_max"
        case p99LatencyMax = "p99_latency_ms_max"
        case errorRateMax = "error_rate_max"
        case missingRateMax = "missing_rate_max"
        case predictionsMin = "predictions_min"

        /// Checks that look at features (one result per matching feature).
        var perFeature: Bool { self == .psiMax || self == .ksPValueMin || self == .missingRateMax }
        /// A minimum (fails below) rather than a maximum (fails above).
        var isMinimum: Bool { self == .ksPValueMin || self == .accuracyMin || self == .predictionsMin }
    }

    /// The canary gate: fails when the candidate is worse than the baseline by more than the
    /// margin, significantly at `alpha` (one-sided).
    public struct Canary: Sendable, Equatable {
        public var candidate: String
        public var baseline: String
        /// Accuracy points (a share: 0.02 is 2 points), classifiers.
        public var maxAccuracyDrop: Double?
        /// MAE units, regressors.
        public var maxMAEIncrease: Double?
        public var alpha: Double
        /// The line of its first key.
        public var line: Int
    }

    public struct Rule: Sendable {
        public var model: String
        public var feature: String?
        public var version: String?
        /// Each with the line of its key.
        public var checks: [(check: Check, threshold: Double, line: Int)]
        public var canary: Canary?
        /// Where it is: `file:line` of its `[[rules]]` header's first key.
        public var file: String
        public var line: Int
        /// 1-based position in the file.
        public var number: Int
    }

    public var rules: [Rule]

    /// Parses a policy.
    /// - Throws: ``TOMLError`` for unknown keys or tables, values of the wrong type or range, a
    ///   rule without a model or without anything to check.
    public init(parsing text: String, file: String) throws(TOMLError) {
        let document = try TOMLDocument(parsing: text, file: file)
        var byElement: [Int: [TOMLDocument.Entry]] = [:]
        for entry in document.entries {
            guard entry.table == "rules", let element = entry.element else {
                throw TOMLError(file: file, line: entry.line, key: entry.key,
                                message: "outside a [[rules]] table (a policy is a list of [[rules]])")
            }
            byElement[element, default: []].append(entry)
        }
        guard !byElement.isEmpty else { throw TOMLError(file: file, line: 0, key: nil, message: "no [[rules]]: nothing to check") }
        rules = try byElement.keys.sorted().map { (element: Int) throws(TOMLError) -> Rule in
            try Self.rule(byElement[element]!, number: element + 1, file: file)
        }
    }

    private static let canaryKeys = ["candidate", "baseline", "max_accuracy_drop", "max_mae_increase", "alpha"]

    private static func rule(_ entries: [TOMLDocument.Entry], number: Int, file: String) throws(TOMLError) -> Rule {
        var rule = Rule(model: "", feature: nil, version: nil, checks: [], canary: nil, file: file, line: entries[0].line, number: number)
        var canary: [String: TOMLDocument.Entry] = [:]
        for entry in entries {
            let fail = { (message: String) in TOMLError(file: file, line: entry.line, key: entry.key, message: message) }
            switch entry.key {
            case "model", "feature", "version":
                guard case .string(let text) = entry.value, !text.isEmpty else { throw fail("expected a non-empty string") }
                if entry.key == "model" { rule.model = text } else if entry.key == "feature" { rule.feature = text } else { rule.version = text }
            case let key where canaryKeys.contains(key):
                canary[key] = entry
            default:
                guard let check = Check(rawValue: entry.key) else {
                    throw fail("unknown key (known: model, feature, version, "
                               + Check.allCases.map(\.rawValue).joined(separator: ", ") + ", " + canaryKeys.joined(separator: ", ") + ")")
                }
                guard let value = entry.value.number, value.isFinite, value >= 0 else { throw fail("expected a number >= 0") }
                if [.ksPValueMin, .accuracyMin, .accuracyDropMax, .errorRateMax, .missingRateMax].contains(check), value > 1 {
                    throw fail("expected a share from 0 to 1, found \(entry.value.text)")
                }
                rule.checks.append((check, value, entry.line))
            }
        }
        let header = TOMLError(file: file, line: rule.line, key: nil, message: "")
        guard !rule.model.isEmpty else {
            throw TOMLError(file: file, line: header.line, key: "model", message: "rule \(number) has no model (a name or a glob such as \"fraud*\")")
        }
        if !canary.isEmpty {
            rule.canary = try Self.canary(canary, number: number, file: file)
            if rule.version != nil {
                throw TOMLError(file: file, line: rule.line, key: "version", message: "a canary rule compares candidate and baseline; version does not apply")
            }
        }
        guard !rule.checks.isEmpty || rule.canary != nil else {
            throw TOMLError(file: file, line: rule.line, key: nil, message: "rule \(number) checks nothing")
        }
        return rule
    }

    private static func canary(_ entries: [String: TOMLDocument.Entry], number: Int, file: String) throws(TOMLError) -> Canary {
        func string(_ key: String) throws(TOMLError) -> String {
            guard let entry = entries[key] else {
                let line = entries.values.map(\.line).min() ?? 0
                throw TOMLError(file: file, line: line, key: key, message: "a canary rule needs candidate and baseline versions")
            }
            guard case .string(let text) = entry.value, !text.isEmpty else {
                throw TOMLError(file: file, line: entry.line, key: key, message: "expected a version name")
            }
            return text
        }
        func number(_ key: String, range: ClosedRange<Double>) throws(TOMLError) -> Double? {
            guard let entry = entries[key] else { return nil }
            guard let x = entry.value.number, range.contains(x) else {
                throw TOMLError(file: file, line: entry.line, key: key,
                                message: "expected a number from \(Format.shortest(range.lowerBound)) to \(Format.shortest(range.upperBound))")
            }
            return x
        }
        let canary = Canary(candidate: try string("candidate"), baseline: try string("baseline"),
                            maxAccuracyDrop: try number("max_accuracy_drop", range: 0...1),
                            maxMAEIncrease: try number("max_mae_increase", range: 0...1e300),
                            alpha: try number("alpha", range: 1e-12...0.5) ?? 0.05,
                            line: entries.values.map(\.line).min() ?? 0)
        guard canary.maxAccuracyDrop != nil || canary.maxMAEIncrease != nil else {
            let line = entries.values.map(\.line).min() ?? 0
            throw TOMLError(file: file, line: line, key: "max_accuracy_drop",
                            message: "a canary rule needs max_accuracy_drop (classifiers) or max_mae_increase (regressors)")
        }
        return canary
    }
}
