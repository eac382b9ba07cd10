import ModelTopCore
import ModelTopText

/// What `report` and `watch --no-tui` print: ingest counts, sources and, per model, the
/// window compared with its reference. JSON for machines, a table for people.
public struct FleetReport {
    public var ingest: IngestSummary
    public var snapshots: [ModelSnapshot]
    public var symbols: SymbolTable
    public var clock: Double?
    /// The fewest values judged (`min_samples`).
    public var minimumSamples: Int
    /// Events skipped for being outside `--since`/`--until` (or too far ahead of the clock).
    public var outOfRange: Int
    /// Events of models past the model cap (counted under "(other models)").
    public var modelsOverCap: Int
    /// The workers whose pane summaries were merged (newest summary of each), by name.
    public var workers: [WorkerSummary]
    public var skippedFragments: SkippedFragments
    /// Each model's nodes judged (silent, slow, erroring), by model and node.
    public var nodeHealth: [Symbol: [Symbol: NodeHealth]] = [:]
    /// Each binary classifier's ROC AUC over its window (models with both classes scored).
    public var rocAUC: [Symbol: Double] = [:]

    /// A report of `monitor` over its configured window (all events for an exact monitor), with
    /// each model's versions compared with `baselineVersion` (when it served it; else its most
    /// served version). `ks`: `.test` for scipy's p-values (`report`, `check`), `.boundedTest`
    /// for live reports (lines, scrapes), whose cost must stay small.
    public init(ingest: IngestSummary, monitor: FleetMonitor, baselineVersion: String? = nil, ks: FeatureDrift.KSWork = .test) {
        self.ingest = ingest
        symbols = monitor.symbols
        clock = monitor.clock
        minimumSamples = monitor.configuration.thresholds.minimumSamples
        outOfRange = monitor.outOfRange
        modelsOverCap = monitor.modelsOverCap
        workers = monitor.workers.values.sorted { ($0.name, $0.instance) < ($1.name, $1.instance) }
        skippedFragments = monitor.skippedFragments
        if let window = monitor.windowRange() {
            let baseline = baselineVersion.map { monitor.symbols.intern($0) }
            // Models in parallel (their features are, too): a report's exact KS sorts and ROC
            // curves are the cost after reading. (The ROC AUC's sorts of the scores, done while
            // the JSON was built, were 60% of its time.)
            let symbols = monitor.symbols, clock = monitor.clock
            let built = monitor.models.parallelMap { model -> (snapshot: ModelSnapshot, rocAUC: Double?) in
                let s = ModelSnapshot(model, window: window, symbols: symbols, now: clock, ks: ks, versions: true, baselineVersion: baseline)
                return (s, s.task == .binary ? s.merged.outcomes.rocAUC : nil)
            }
                .sorted { monitor.symbols.name($0.snapshot.model) < monitor.symbols.name($1.snapshot.model) }
            snapshots = built.map(\.snapshot)
            for (s, auc) in built { rocAUC[s.model] = auc }
            if let clock = monitor.clock {
                for s in snapshots {
                    guard let model = monitor.model(s.model) else { continue }
                    nodeHealth[s.model] = Dictionary(NodeHealth.assess(model, snapshot: s, clock: clock).map { ($0.node, $0) },
                                                     uniquingKeysWith: { a, _ in a })
                }
            }
        } else {
            snapshots = []
        }
    }

    /// The first reason of the most serious model, in words (for `--fail-on` messages).
    public var worstReason: String? {
        snapshots.first { $0.severity == worstSeverity }?.findings.first?.reason.text(symbols.name)
    }

    /// The most serious severity of any model (ok when there are none).
    public var worstSeverity: Severity { snapshots.map(\.severity).max() ?? .ok }

    // MARK: JSON

    /// The report as JSON; `time` (the wall clock) is included for `watch --no-tui` lines.
    public func json(time: Double? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let time { members.append(("time", .string(RFC3339.string(fromSeconds: time, fractionDigits: 3)))) }
        var ingestJSON = ingest.totalJSON()
        if case .object(var m) = ingestJSON {
            m.append(("out_of_range", .int(outOfRange)))
            m.append(("models_over_cap", .int(modelsOverCap)))
            ingestJSON = .object(m)
        }
        members += [
            ("event_time", .string(clock.map { RFC3339.string(fromSeconds: $0, fractionDigits: 3) })),
            ("ingest", ingestJSON),
            ("sources", ingest.sourcesJSON(symbols: symbols)),
            ("network", ingest.networkJSON()),
            ("hosts", ingest.hostsJSON()),
            ("kafka", ingest.partitionsJSON()),
            ("workers", workersJSON()),
            ("models", .array(snapshots.map(modelJSON))),
            ("malformed_samples", ingest.malformedJSON()),
            ("notices", .array((ingest.notices.map(\.message) + skippedNotices).map { .string($0) }
                + snapshots.flatMap { s in s.notices.map { .string("\(name(s.model)): \($0.text)") } })),
        ]
        return .object(members)
    }

    func name(_ s: Symbol) -> String { symbols.name(s) }

    func modelJSON(_ s: ModelSnapshot) -> JSONValue {
        let o = s.merged.outcomes
        let reference: JSONValue
        switch s.reference?.source {
        case .file?: reference = .object([("source", .string("file")), ("predictions", .int(s.reference!.predictions))])
        case .firstPredictions(let n)?: reference = .object([("source", .string("first_predictions")), ("predictions", .int(n))])
        case .window?: reference = .object([("source", .string("rebaselined")), ("predictions", .int(s.reference!.predictions))])
        case nil: reference = .null
        }
        let binary = s.task == .binary, multiclass = s.task == .multiclass, regression = s.task == .regression
        let macro = multiclass ? o.macro : nil
        return .object([
            ("model", .string(name(s.model))),
            ("task", .string(s.task?.rawValue)),
            ("status", .string(s.status.name)),
            ("severity", .string(s.severity.name)),
            ("reasons", .array(s.findings.map { .string($0.reason.text(symbols.name)) })),
            ("baseline_version", .string(s.baselineVersion.map(name))),
            ("versions", .array(s.versions.map { versionJSON($0, task: s.task, calibration: s.calibration) })),
            ("reference", reference),
            ("predictions", .int(s.merged.predictions)),
            ("compared_predictions", .int(s.merged.featurePredictions)),
            ("throughput", .number(s.throughput)),
            ("labels_joined", .int(o.joined)),
            ("accuracy", .number(s.accuracy)),
            ("reference_accuracy", .number(s.referenceAccuracy)),
            ("precision", .number(binary ? o.precision : nil)),
            ("recall", .number(binary ? o.recall : nil)),
            ("f1", .number(binary ? o.f1 : nil)),
            ("roc_auc", .number(binary ? rocAUC[s.model] : nil)),
            ("macro_precision", .number(macro?.precision)),
            ("macro_recall", .number(macro?.recall)),
            ("macro_f1", .number(macro?.f1)),
            ("mae", .number(regression ? o.meanAbsoluteError : nil)),
            ("rmse", .number(regression ? o.rootMeanSquaredError : nil)),
            ("estimated", estimatedJSON(s.estimated, calibration: s.calibration, disagrees: s.estimateDisagrees(minimumSamples: minimumSamples))),
            ("reference_mae", .number(regression ? s.referenceOutcomes.meanAbsoluteError : nil)),
            ("unmatched_labels", .int(s.unmatchedLabels)),
            ("expired_predictions", .int(s.expiredPredictions)),
            ("pending_predictions", .int(s.pendingPredictions)),
            ("pending_labels", .int(s.pendingLabels)),
            ("latency_ms", latencyJSON(s.merged.latency)),
            ("error_rate", .number(s.metricMean(symbols.intern("error_rate")))),
            ("features", .array(s.features.map(featureJSON))),
            ("prediction_drift", s.predictionDrift.map(featureJSON) ?? .null),
            ("nodes", .array(nodesJSON(s))),
            ("notices", .array(s.notices.map { .string($0.text) })),
            ("late_events", .int(s.totals.late)),
            ("late_labels", .int(s.totals.lateLabels)),
            ("over_cap", .object([("features", .int(s.totals.featuresOverCap)), ("nodes", .int(s.totals.nodesOverCap)),
                                  ("versions", .int(s.totals.versionsOverCap)), ("metrics", .int(s.totals.metricsOverCap))])),
        ])
    }

    func featureJSON(_ f: ModelSnapshot.Feature) -> JSONValue {
        let d = f.drift
        var members: [(String, JSONValue)] = [
            ("name", .string(name(f.name))),
            ("kind", .string(d.kind.rawValue)),
            ("psi", .number(d.psi)),
        ]
        switch d.kind {
        case .numeric:
            members.append(("ks", d.ks.map {
                .object([("statistic", .number($0.statistic)), ("pvalue", .number($0.pvalue)), ("method", .string($0.method.rawValue))])
            } ?? .null))
        case .categorical:
            members.append(("chi2", d.chiSquare.map {
                .object([("statistic", .number($0.statistic)), ("pvalue", .number($0.pvalue)), ("dof", .int($0.degreesOfFreedom))])
            } ?? .null))
            members.append(("capped", .bool(d.capped)))
        }
        members += [
            ("missing_rate", .number(d.missingRate)),
            ("reference_count", .int(d.referenceCount)),
            ("current_count", .int(d.currentCount)),
        ]
        if d.kind == .numeric {
            members += [("mean", .number(d.currentMoments.count > 0 ? d.currentMoments.mean : nil)),
                        ("std", .number(d.currentMoments.standardDeviation)),
                        ("mismatched", .int(d.mismatched))]
        }
        return .object(members)
    }

    /// One version: its figures for the model's task, its drift, and its tests against the
    /// baseline (`vs_baseline`, null for the baseline).
    func versionJSON(_ v: VersionSnapshot, task: ModelTask?, calibration: ScoreCalibration?) -> JSONValue {
        let o = v.merged.outcomes
        let binary = task == .binary, regression = task == .regression
        let vs: JSONValue = v.vsBaseline.map { c in
            func difference(_ d: TwoSampleTests.Difference?, statistic: String) -> JSONValue {
                guard let d else { return .null }
                var members: [(String, JSONValue)] = [("difference", .number(d.difference)), ("ci_low", .number(d.low)),
                                                      ("ci_high", .number(d.high)), (statistic, .number(d.statistic))]
                if let df = d.degreesOfFreedom { members.append(("df", .number(df))) }
                members.append(("pvalue", .number(d.pValue)))
                return .object(members)
            }
            let test: JSONValue
            switch c.predictions {
            case .ks(let d, let p)?: test = .object([("test", .string("ks")), ("statistic", .number(d)), ("pvalue", .number(p))])
            case .chiSquare(let x, let p, let dof)?:
                test = .object([("test", .string("chi2")), ("statistic", .number(x)), ("pvalue", .number(p)), ("dof", .int(dof))])
            case nil: test = .null
            }
            return .object([
                ("baseline", .string(name(c.baseline))),
                ("accuracy", regression ? .null : difference(c.accuracy, statistic: "z")),
                ("mae", regression ? difference(c.mae, statistic: "t") : .null),
                ("predictions", test),
                ("p99_latency_ratio", .number(c.p99Ratio)),
                ("verdict", .string(c.verdict(candidate: v.version, symbols.name))),
            ])
        } ?? .null
        return .object([
            ("version", .string(name(v.version))),
            ("predictions", .int(v.predictions)),
            ("share", .number(v.share)),
            ("first_seen", .string(v.firstSeen.map { RFC3339.string(fromSeconds: $0, fractionDigits: 3) })),
            ("labels_joined", .int(o.joined)),
            ("accuracy", .number(regression ? nil : o.accuracy)),
            ("precision", .number(binary ? o.precision : nil)),
            ("recall", .number(binary ? o.recall : nil)),
            ("mae", .number(regression ? o.meanAbsoluteError : nil)),
            ("estimated", estimatedJSON(v.merged.estimated.count > 0 && task == .binary ? v.merged.estimated : nil,
                                        calibration: calibration, disagrees: false)),
            ("latency_ms", latencyJSON(v.merged.latency)),
            ("error_rate", .number(v.merged.metrics[symbols.intern("error_rate")].flatMap { $0.count > 0 ? $0.mean : nil })),
            ("features", .array(v.features.map(featureJSON))),
            ("prediction_drift", v.predictionDrift.map(featureJSON) ?? .null),
            ("vs_baseline", vs),
        ])
    }

    /// The performance estimated from calibrated scores (CBPE), or null. ROC AUC only over at
    /// least `min_samples` estimated predictions.
    func estimatedJSON(_ e: EstimatedOutcomes?, calibration: ScoreCalibration?, disagrees: Bool) -> JSONValue {
        guard let e, let calibration else { return .null }
        return .object([
            ("predictions", .int(e.count)),
            ("accuracy", .number(e.accuracy)),
            ("precision", .number(e.precision)),
            ("recall", .number(e.recall)),
            ("f1", .number(e.f1)),
            ("specificity", .number(e.specificity)),
            ("roc_auc", .number(e.count >= minimumSamples ? e.rocAUC : nil)),
            ("stderr", .number(e.accuracyStandardError)),
            ("calibrated", .bool(calibration.calibrated)),
            ("reference_ece", .number(calibration.referenceECE)),
            ("disagrees_with_realized", .bool(disagrees)),
        ])
    }

    func latencyJSON(_ h: LatencyHistogram) -> JSONValue {
        let q = h.quantiles([0.5, 0.95, 0.99])
        return .object([("count", .int(h.count)), ("p50", .number(q[0])), ("p95", .number(q[1])), ("p99", .number(q[2]))])
    }

    /// The window's nodes, then those judged silent that sent nothing in it, each judged.
    func nodesJSON(_ s: ModelSnapshot) -> [JSONValue] {
        let health = nodeHealth[s.model] ?? [:]
        let inWindow = Set(s.nodes.map(\.name))
        let quiet = health.values.filter { $0.silent && !inWindow.contains($0.node) }.sorted { name($0.node) < name($1.node) }
        return s.nodes.map { nodeJSON($0, health: health[$0.name]) }
            + quiet.map { h in nodeJSON(ModelSnapshot.Node(name: h.node, pane: NodePane(), lastSeen: h.lastSeen), health: h) }
    }

    func nodeJSON(_ n: ModelSnapshot.Node, health: NodeHealth?) -> JSONValue {
        .object([
            ("node", .string(name(n.name))),
            ("predictions", .int(n.pane.predictions)),
            ("events", .int(n.pane.events)),
            ("latency_ms", latencyJSON(n.pane.latency)),
            ("error_rate", .number(n.pane.errorRate.count > 0 ? n.pane.errorRate.mean : nil)),
            ("last_seen", .string(n.lastSeen.isFinite ? RFC3339.string(fromSeconds: n.lastSeen, fractionDigits: 3) : nil)),
            ("severity", .string(health.map { $0.severity.name })),
            ("silent", .bool(health?.silent ?? false)),
            ("slow", health.map { $0.slownessJudged ? .bool($0.slow) : .null } ?? .bool(false)),
            ("errors", .bool(health?.errors ?? false)),
        ])
    }

    /// What was left out of merged summaries, in words.
    var skippedNotices: [String] {
        let s = skippedFragments
        return [(s.referenceDiffers, "binned on another reference (give workers and this process the same --reference files)"),
                (s.paneMismatch, "with panes that do not divide this process's --pane"),
                (s.unknownModel, "before their worker's summary (a damaged stream)")]
            .filter { $0.0 > 0 }.map { "\($0.0) pane fragments not merged: \($0.1)" }
    }

    /// The merged workers and the fragments left out (null when no summaries were merged).
    func workersJSON() -> JSONValue {
        guard !workers.isEmpty || skippedFragments.total > 0 else { return .null }
        let stamp = { (t: Double?) in JSONValue.string(t.map { RFC3339.string(fromSeconds: $0, fractionDigits: 3) }) }
        return .object([
            ("instances", .array(workers.map { w in
                .object([("name", .string(w.name)), ("instance", .string(String(w.instance, radix: 16))),
                         ("blocks", .int(w.sequence + 1)), ("last_block", stamp(w.wallTime)), ("event_time", stamp(w.clock)),
                         ("lines", .int(w.lines)), ("events", .int(w.events)), ("malformed", .int(w.malformed)),
                         ("pane_seconds", .number(w.paneSeconds))])
            })),
            ("events", .int(workers.reduce(0) { $0 + $1.events })),
            ("malformed", .int(workers.reduce(0) { $0 + $1.malformed })),
            ("skipped_fragments", .object([("reference_differs", .int(skippedFragments.referenceDiffers)),
                                           ("pane_mismatch", .int(skippedFragments.paneMismatch)),
                                           ("unknown_model", .int(skippedFragments.unknownModel))])),
        ])
    }
}
