#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopText

/// A policy evaluated against a report: one result per rule, model, check and (for feature
/// checks) feature.
public struct PolicyResult: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case pass, fail
        /// Nothing to judge: no such model, version or feature, or no value (no labels).
        case noData = "no_data"
    }

    public struct Item: Sendable {
        public var rule: Int
        public var file: String
        public var line: Int
        public var model: String
        public var feature: String?
        public var version: String?
        /// `psi_max`, `accuracy_min`, ..., or `canary`.
        public var check: String
        public var observed: Double?
        public var threshold: Double
        public var status: Status
        /// `PSI 0.31 > 0.20`, `accuracy 84.1% >= 85.0%`, `no model matches "fraud*"`.
        public var message: String
    }

    public var items: [Item]
    /// Events the report was made of (none: nothing to judge).
    public var events: Int

    public func count(_ status: Status) -> Int { items.lazy.filter { $0.status == status }.count }

    /// 0 when every check passed; 3 when one failed; 4 when there was nothing to judge (no
    /// events, or a check had no data) and nothing failed.
    public var exitStatus: Int32 {
        if events == 0 { return 4 }
        if count(.fail) > 0 { return 3 }
        return count(.noData) > 0 ? 4 : 0
    }

    /// Evaluates `policy` on `report`.
    /// - Complexity: O(rules · models · features), plus the canary tests.
    public init(policy: Policy, report: FleetReport, events: Int) {
        self.events = events
        items = []
        for rule in policy.rules { items += Self.evaluate(rule, report: report) }
    }

    private static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }

    private static func evaluate(_ rule: Policy.Rule, report: FleetReport) -> [Item] {
        let name = report.symbols.name
        func item(_ model: String, check: String, feature: String? = nil, observed: Double?, threshold: Double,
                  status: Status, message: String) -> Item {
            let line = check == "canary" ? rule.canary?.line : rule.checks.first { $0.check.rawValue == check }?.line
            return Item(rule: rule.number, file: rule.file, line: line ?? rule.line, model: model, feature: feature,
                 version: rule.canary.map { "\($0.candidate) vs \($0.baseline)" } ?? rule.version, check: check,
                 observed: observed, threshold: threshold, status: status, message: message)
        }
        let models = report.snapshots.filter { matches(rule.model, name($0.model)) }
        guard !models.isEmpty else {
            let checks = rule.checks.map { ($0.check.rawValue, $0.threshold) } + (rule.canary.map { [("canary", $0.maxAccuracyDrop ?? $0.maxMAEIncrease ?? 0)] } ?? [])
            return checks.map { check, threshold in
                item(rule.model, check: check, observed: nil, threshold: threshold, status: .noData,
                     message: "no model matches \"\(Sanitizer.sanitize(rule.model, limit: 60))\"")
            }
        }
        var items: [Item] = []
        let errorRate = report.symbols.intern("error_rate")
        for snapshot in models {
            let model = Sanitizer.sanitize(name(snapshot.model), limit: 120)
            if let canary = rule.canary { items.append(Self.canary(canary, snapshot: snapshot, report: report, item: item)) }
            guard !rule.checks.isEmpty else { continue }
            // The figures to check: the model's, or one version's.
            let figures: Figures
            if let version = rule.version {
                guard let v = snapshot.versions.first(where: { name($0.version) == version }) else {
                    for (check, threshold, _) in rule.checks {
                        items.append(item(model, check: check.rawValue, observed: nil, threshold: threshold, status: .noData,
                                          message: "version \(Sanitizer.sanitize(version, limit: 60)) not served"))
                    }
                    continue
                }
                figures = Figures(v, snapshot: snapshot, errorRate: errorRate)
            } else {
                figures = Figures(snapshot, errorRate: errorRate)
            }
            for (check, threshold, _) in rule.checks {
                if check.perFeature {
                    let features = figures.features.filter { f in rule.feature.map { matches($0, name(f.name)) } ?? true }
                    if features.isEmpty {
                        items.append(item(model, check: check.rawValue, observed: nil, threshold: threshold, status: .noData,
                                          message: "no feature matches \"\(Sanitizer.sanitize(rule.feature ?? "*", limit: 60))\""))
                    }
                    for f in features {
                        let feature = Sanitizer.sanitize(name(f.name), limit: 120)
                        let observed = Self.observed(check, feature: f.drift)
                        items.append(Self.judge(check, observed: observed, threshold: threshold, subject: feature) { o, t, s, m in
                            item(model, check: check.rawValue, feature: feature, observed: o, threshold: t, status: s, message: m)
                        })
                    }
                } else {
                    let observed = figures.value(check)
                    items.append(Self.judge(check, observed: observed, threshold: threshold, subject: nil) { o, t, s, m in
                        item(model, check: check.rawValue, observed: o, threshold: t, status: s, message: m)
                    })
                }
            }
        }
        return items
    }

    /// What a feature check looks at: PSI, the KS p-value (chi-square's for categories), the
    /// missing rate.
    private static func observed(_ check: Policy.Check, feature d: FeatureDrift) -> Double? {
        switch check {
        case .psiMax: d.currentCount > 0 ? d.psi : nil
        case .ksPValueMin: d.ks?.pvalue ?? d.chiSquare?.pvalue
        case .missingRateMax: d.missingRate
        default: nil
        }
    }

    private static func judge(_ check: Policy.Check, observed: Double?, threshold: Double, subject: String?,
                              make: (Double?, Double, Status, String) -> Item) -> Item {
        let label = Self.label(check) + (subject.map { " " + $0 } ?? "")
        guard let observed, !observed.isNaN else {
            return make(nil, threshold, .noData, "\(label): no value (\(Self.why(check)))")
        }
        let failed = check.isMinimum ? observed < threshold : observed > threshold
        let relation = check.isMinimum ? (failed ? "<" : ">=") : (failed ? ">" : "<=")
        return make(observed, threshold, failed ? .fail : .pass,
                    "\(label) \(Self.format(check, observed)) \(relation) \(Self.format(check, threshold))")
    }

    static func label(_ check: Policy.Check) -> String {
        switch check {
        case .psiMax: "PSI"
        case .ksPValueMin: "drift p-value"
        case .accuracyMin: "accuracy"
        case .accuracyDropMax: "accuracy drop"
        case .maeMax: "MAE"
        case .p99LatencyMax: "p99 latency"
        case .errorRateMax: "error rate"
        case .missingRateMax: "missing rate"
        case .predictionsMin: "predictions"
        }
    }

    private static func why(_ check: Policy.Check) -> String {
        switch check {
        case .accuracyMin, .accuracyDropMax: "no labels joined, or not a classifier"
        case .maeMax: "no labels joined, or not a regressor"
        case .p99LatencyMax: "no latencies"
        case .errorRateMax: "no error_rate metric"
        default: "no values"
        }
    }

    static func format(_ check: Policy.Check, _ x: Double) -> String {
        switch check {
        case .accuracyMin, .accuracyDropMax, .errorRateMax, .missingRateMax: Format.percent(x)
        case .p99LatencyMax: Format.milliseconds(x)
        case .ksPValueMin: Format.pValue(x)
        case .predictionsMin: Format.shortest(x)
        case .psiMax, .maeMax: Format.fixed(x, digits: 2)
        }
    }

    private static func canary(_ canary: Policy.Canary, snapshot: ModelSnapshot, report: FleetReport,
                               item: (String, String, String?, Double?, Double, Status, String) -> Item) -> Item {
        let name = report.symbols.name
        let model = Sanitizer.sanitize(name(snapshot.model), limit: 120)
        let margin = canary.maxAccuracyDrop ?? canary.maxMAEIncrease ?? 0
        let c = snapshot.versions.first { name($0.version) == canary.candidate }
        let b = snapshot.versions.first { name($0.version) == canary.baseline }
        guard let c, let b else {
            let missing = [c == nil ? canary.candidate : nil, b == nil ? canary.baseline : nil].compactMap { $0 }
            return item(model, "canary", nil, nil, margin, .noData,
                        "version \(missing.map { Sanitizer.sanitize($0, limit: 60) }.joined(separator: " and ")) not served")
        }
        let co = c.merged.outcomes, bo = b.merged.outcomes
        if snapshot.task == .regression || canary.maxAccuracyDrop == nil {
            guard let limit = canary.maxMAEIncrease,
                let p = TwoSampleTests.largerBy(margin: limit, baseline: bo.absoluteErrorMoments, candidate: co.absoluteErrorMoments),
                let cm = co.meanAbsoluteError, let bm = bo.meanAbsoluteError
            else {
                return item(model, "canary", nil, nil, margin, .noData, "MAE of \(canary.candidate) and \(canary.baseline): too few labels")
            }
            let d = cm - bm
            let failed = p < canary.alpha
            return item(model, "canary", nil, d, limit, failed ? .fail : .pass,
                        "MAE \(Self.signed(d)) vs \(canary.baseline), \(failed ? "significantly more than" : "not significantly more than") "
                        + "+\(Format.fixed(limit, digits: 3)) (p = \(Format.pValue(p)), alpha \(Format.shortest(canary.alpha)))")
        }
        let limit = canary.maxAccuracyDrop!
        guard co.joined > 0, bo.joined > 0,
            let p = TwoSampleTests.worseBy(margin: limit, baseline: (bo.correct, bo.joined), candidate: (co.correct, co.joined))
        else {
            return item(model, "canary", nil, nil, limit, .noData, "accuracy of \(canary.candidate) and \(canary.baseline): no labels joined")
        }
        let d = Double(co.correct) / Double(co.joined) - Double(bo.correct) / Double(bo.joined)
        let failed = p < canary.alpha
        return item(model, "canary", nil, d, limit, failed ? .fail : .pass,
                    "accuracy \(Self.signed(d * 100)) pts vs \(canary.baseline), \(failed ? "significantly below" : "not significantly below") "
                    + "-\(Format.fixed(limit * 100, digits: 1)) pts (p = \(Format.pValue(p)), alpha \(Format.shortest(canary.alpha)))")
    }

    private static func signed(_ x: Double) -> String {
        (x > 0 ? "+" : "") + Format.fixed(x, digits: abs(x) >= 1 || x == 0 ? 1 : 3)
    }
}

/// The numbers a rule checks: a model's over the report's window, or one version's.
private struct Figures {
    var features: [ModelSnapshot.Feature]
    var outcomes: Outcomes
    var referenceOutcomes: Outcomes
    var task: ModelTask?
    var latency: LatencyHistogram
    var errorRate: Double?
    var predictions: Int

    /// `errorRate`: the symbol of the `error_rate` metric.
    init(_ s: ModelSnapshot, errorRate: Symbol) {
        self.init(pane: s.merged, features: s.features + (s.predictionDrift.map { [$0] } ?? []), snapshot: s, errorRate: errorRate)
    }

    init(_ v: VersionSnapshot, snapshot s: ModelSnapshot, errorRate: Symbol) {
        self.init(pane: v.merged, features: v.features + (v.predictionDrift.map { [$0] } ?? []), snapshot: s, errorRate: errorRate)
    }

    private init(pane: ModelPane, features: [ModelSnapshot.Feature], snapshot s: ModelSnapshot, errorRate: Symbol) {
        self.features = features
        outcomes = pane.outcomes
        referenceOutcomes = s.referenceOutcomes
        task = s.task
        latency = pane.latency
        predictions = pane.predictions
        self.errorRate = pane.metrics[errorRate].flatMap { $0.count > 0 ? $0.mean : nil }
    }

    func value(_ check: Policy.Check) -> Double? {
        switch check {
        case .accuracyMin: task == .regression ? nil : outcomes.accuracy
        case .accuracyDropMax:
            task == .regression ? nil : outcomes.accuracy.flatMap { a in referenceOutcomes.accuracy.map { $0 - a } }
        case .maeMax: task == .regression ? outcomes.meanAbsoluteError : nil
        case .p99LatencyMax: latency.quantile(0.99)
        case .errorRateMax: errorRate
        case .predictionsMin: Double(predictions)
        case .psiMax, .ksPValueMin, .missingRateMax: nil
        }
    }
}
