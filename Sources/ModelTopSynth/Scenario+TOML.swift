import Foundation
import ModelTopIngest
import ModelTopText

extension Scenario {
    /// Reads the scenario file at `path`.
    /// - Throws: ``TOMLError`` naming the file, line and key of what is wrong.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TOMLError(file: path, line: 0, message: "cannot read the file")
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Reads a scenario from TOML `text` (`file` names it in errors).
    /// - Throws: ``TOMLError`` naming the file, line and key of what is wrong.
    public init(parsing text: String, file: String) throws(TOMLError) {
        let document = try TOMLDocument(parsing: text, file: file)
        strings = StringTable()
        var groups: [String: [Int: [TOMLDocument.Entry]]] = [:]
        var top: [TOMLDocument.Entry] = []
        for entry in document.entries {
            switch (entry.table, entry.element) {
            case ("scenario", nil): top.append(entry)
            case ("model", let e?), ("feature", let e?), ("incident", let e?): groups[entry.table, default: [:]][e, default: []].append(entry)
            default:
                let where_ = entry.table.isEmpty ? "the top level" : "[\(entry.table)]"
                throw TOMLError(file: file, line: entry.line, key: entry.key,
                                message: "\(where_) is not part of a scenario ([scenario], [[model]], [[feature]], [[incident]])")
            }
        }
        var s = Keys(top, file: file, table: "[scenario]")
        start = try s.time("start") ?? 1_795_132_800
        duration = try s.duration("duration") ?? 3600
        seed = UInt64(try s.integer("seed", in: 0...Int.max) ?? 1)
        nodes = try s.strings("nodes") ?? ["node-1"]
        metricsEvery = try s.duration("metrics_every")
        try s.finish()
        guard !nodes.isEmpty, Set(nodes).count == nodes.count else {
            throw TOMLError(file: file, line: s.line("nodes"), key: "nodes", message: "nodes must be distinct names, at least one")
        }
        models = []
        incidents = []
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        // Features by model, in file order.
        var featureGroups: [String: [Keys]] = [:]
        for (_, entries) in (groups["feature"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            var f = Keys(entries, file: file, table: "[[feature]]")
            guard let model = try f.string("model") else { throw f.missing("model", "the model it belongs to") }
            featureGroups[model, default: []].append(f)
        }
        for (_, entries) in (groups["model"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            var m = Keys(entries, file: file, table: "[[model]]")
            guard let name = try m.string("name") else { throw m.missing("name", "a model name") }
            guard !models.contains(where: { $0.name == name }) else {
                throw TOMLError(file: file, line: m.line("name"), key: "name", message: "a second model named \(name)")
            }
            let taskText = try m.string("task") ?? "binary"
            guard let task = Task(rawValue: taskText) else {
                throw TOMLError(file: file, line: m.line("task"), key: "task",
                                message: "unknown task \(taskText) (\(Task.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let rate = try m.number("rate", in: 0...1_000_000) ?? 1
            let daily = try m.numbers("daily")
            if let daily, daily.count != 24 || daily.contains(where: { $0 < 0 }) {
                throw TOMLError(file: file, line: m.line("daily"), key: "daily", message: "24 factors, one per hour (UTC), none negative")
            }
            let nodeNames = try m.strings("nodes") ?? nodes
            let modelNodes = try nodeNames.map { n throws(TOMLError) -> Int in
                guard let i = nodeIndex[n] else { throw TOMLError(file: file, line: m.line("nodes"), key: "nodes", message: "unknown node \(n)") }
                return i
            }
            // Names the expressions may use, growing as values are defined.
            var names = ["t": Slot.t, "hour": Slot.hour]
            var features: [Feature] = []
            for var f in featureGroups.removeValue(forKey: name) ?? [] {
                guard let featureName = try f.string("name") else { throw f.missing("name", "a feature name") }
                guard names[featureName] == nil, !["signal", "score", "prediction"].contains(featureName) else {
                    throw TOMLError(file: file, line: f.line("name"), key: "name", message: "\(featureName) is already a name in model \(name)")
                }
                guard let value = try f.expression("value", names: names, strings: strings) else { throw f.missing("value", "an expression") }
                features.append(Feature(name: featureName, value: value, digits: try f.integer("digits", in: 0...12) ?? 2,
                                        missing: try f.number("missing", in: 0...1) ?? 0))
                try f.finish()
                names[featureName] = Slot.feature(features.count - 1)
            }
            let signalSlot = 2 + features.count
            let signal = try m.expression("signal", names: names, strings: strings)
            if signal != nil { names["signal"] = signalSlot }
            let score = try m.expression("score", names: names, strings: strings)
            if score != nil { names["score"] = signalSlot + 1 }
            let defaultPrediction: String
            switch task {
            case .binary: defaultPrediction = score != nil ? "score > 0.5" : "signal > 0"
            case .ranking: defaultPrediction = score != nil ? "score" : "signal"
            case .regression: defaultPrediction = "signal"
            case .multiclass: defaultPrediction = ""
            }
            guard let predictionText = try m.string("prediction") ?? (signal == nil && score == nil ? nil : defaultPrediction) else {
                throw TOMLError(file: file, line: m.headerLine, key: nil,
                                message: "model \(name) needs a prediction (an expression), or a score or signal to predict from")
            }
            let prediction: SynthExpression
            do throws(SynthError) {
                guard !predictionText.isEmpty else { throw SynthError("a multiclass model needs a prediction expression") }
                prediction = try SynthExpression(predictionText, names: names, strings: strings)
            } catch {
                throw TOMLError(file: file, line: m.line("prediction") == 0 ? m.headerLine : m.line("prediction"), key: "prediction",
                                message: error.description)
            }
            names["prediction"] = signalSlot + 2
            let truth = try m.expression("truth", names: names, strings: strings)
            let labelDelay = try m.expression("label_delay", names: names, strings: strings)
            let latency = try m.expression("latency", names: names, strings: strings) ?? SynthExpression(constant: 10)
            models.append(Model(name: name, task: task, version: try m.string("version") ?? "v1", rate: rate, daily: daily,
                                nodes: modelNodes, features: features, signal: signal, score: score, prediction: prediction,
                                truth: truth, labelDelay: labelDelay, labelLoss: try m.number("label_loss", in: 0...1) ?? 0,
                                latency: latency, errorRate: try m.number("error_rate", in: 0...1) ?? 0.002,
                                referenceSize: try m.integer("reference", in: 0...10_000_000) ?? 2000,
                                digits: try m.integer("digits", in: 0...12) ?? 3))
            try m.finish()
        }
        if let (model, keys) = featureGroups.first {
            throw TOMLError(file: file, line: keys[0].headerLine, key: "model", message: "no [[model]] named \(model)")
        }
        guard !models.isEmpty else { throw TOMLError(file: file, line: 0, message: "no [[model]]: nothing to generate") }
        for (_, entries) in (groups["incident"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            incidents.append(try Self.incident(entries, file: file, models: models, nodes: nodeIndex, strings: strings,
                                               duration: duration))
        }
    }

    private static func incident(_ entries: [TOMLDocument.Entry], file: String, models: [Model], nodes: [String: Int],
                                 strings: StringTable, duration: Double) throws(TOMLError) -> Incident {
        var k = Keys(entries, file: file, table: "[[incident]]")
        guard let kindText = try k.string("kind") else { throw k.missing("kind", Incident.Kind.allCases.map(\.rawValue).joined(separator: ", ")) }
        guard let kind = Incident.Kind(rawValue: kindText) else {
            throw TOMLError(file: file, line: k.line("kind"), key: "kind",
                            message: "unknown incident \(kindText) (modeltop synth --list-incidents lists them)")
        }
        let start = try k.duration("start") ?? 0
        let endAt = try k.duration("end"), length = try k.duration("duration")
        let end = endAt ?? length.map { start + $0 } ?? duration
        guard end > start else { throw TOMLError(file: file, line: k.line("end"), key: "end", message: "the incident ends before it starts") }
        var incident = Incident(kind: kind, start: start, end: end)
        incident.line = k.headerLine
        let needsModel: Set<Incident.Kind> = [.featureDrift, .conceptDrift, .rollout, .duplicates, .lateEvents]
        let needsNode: Set<Incident.Kind> = [.latencySpike, .nodeSilence, .errorBurst, .malformedBurst]
        if let name = try k.string("model") {
            guard let i = models.firstIndex(where: { $0.name == name }) else {
                throw TOMLError(file: file, line: k.line("model"), key: "model", message: "no [[model]] named \(name)")
            }
            incident.model = i
        } else if needsModel.contains(kind) {
            throw k.missing("model", "the model it happens to")
        }
        if let name = try k.string("node") {
            guard let i = nodes[name] else { throw TOMLError(file: file, line: k.line("node"), key: "node", message: "unknown node \(name)") }
            incident.node = i
        } else if needsNode.contains(kind) {
            throw k.missing("node", "the node it happens on")
        }
        let ramp = try k.string("ramp") ?? "step"
        guard ramp == "step" || ramp == "linear" else {
            throw TOMLError(file: file, line: k.line("ramp"), key: "ramp", message: "step or linear, not \(ramp)")
        }
        incident.linear = ramp == "linear"
        let model = incident.model.map { models[$0] }
        switch kind {
        case .featureDrift:
            guard let name = try k.string("feature") else { throw k.missing("feature", "the feature that drifts") }
            guard let i = model?.features.firstIndex(where: { $0.name == name }) else {
                throw TOMLError(file: file, line: k.line("feature"), key: "feature", message: "model \(model?.name ?? "") has no feature \(name)")
            }
            incident.feature = i
            incident.shift = try k.number("shift", in: -1e12...1e12) ?? 0
            incident.scale = try k.number("scale", in: 0...1e6) ?? 1
            incident.category = try k.string("category").map(strings.intern)
            incident.share = try k.number("share", in: 0...1) ?? (incident.category == nil ? 0 : 0.5)
            // The names the feature's own expression may use: t, hour and the features before it.
            var names = ["t": Slot.t, "hour": Slot.hour]
            for (j, f) in (model?.features ?? []).enumerated() where j < i { names[f.name] = Slot.feature(j) }
            incident.value = try k.expression("value", names: names, strings: strings)
            if incident.shift == 0, incident.scale == 1, incident.category == nil, incident.value == nil {
                throw TOMLError(file: file, line: k.headerLine, key: nil, message: "a feature_drift needs shift, scale, value or category")
            }
        case .conceptDrift:
            var names = ["t": Slot.t, "hour": Slot.hour]
            for (i, f) in (model?.features ?? []).enumerated() { names[f.name] = Slot.feature(i) }
            if let model {
                if model.signal != nil { names["signal"] = Slot.signal(features: model.features.count) }
                if model.score != nil { names["score"] = Slot.score(features: model.features.count) }
                names["prediction"] = Slot.prediction(features: model.features.count)
            }
            guard let truth = try k.expression("truth", names: names, strings: strings) else { throw k.missing("truth", "the labels meanwhile") }
            incident.truth = truth
        case .rollout:
            guard let version = try k.string("version") else { throw k.missing("version", "the new version's name") }
            incident.version = version
            incident.share = try k.number("share", in: 0...1) ?? 0.5
            incident.worse = try k.number("worse", in: 0...1) ?? 0
            incident.factor = try k.number("latency_factor", in: 0...1e6) ?? 1
        case .latencySpike:
            incident.factor = try k.number("factor", in: 0...1e6) ?? 5
        case .nodeSilence:
            break
        case .errorBurst:
            incident.errorRate = try k.number("error_rate", in: 0...1) ?? 0.05
        case .malformedBurst:
            incident.count = try k.integer("count", in: 1...10_000_000) ?? 200
        case .duplicates:
            incident.share = try k.number("share", in: 0...1) ?? 0.2
        case .lateEvents:
            incident.share = try k.number("share", in: 0...1) ?? 0.2
            incident.delay = try k.duration("delay") ?? 600
        }
        try k.finish()
        return incident
    }
}

/// The keys of one table, read by type; what is left unread at ``finish()`` is an unknown key.
struct Keys {
    private var entries: [String: TOMLDocument.Entry] = [:]
    private var order: [String] = []
    let file: String
    let table: String
    let headerLine: Int

    init(_ list: [TOMLDocument.Entry], file: String, table: String) {
        for e in list where entries[e.key] == nil {
            entries[e.key] = e
            order.append(e.key)
        }
        self.file = file
        self.table = table
        headerLine = list.first.map { max($0.line - 1, 1) } ?? 0
    }

    func line(_ key: String) -> Int { entries[key]?.line ?? headerLine }

    func missing(_ key: String, _ what: String) -> TOMLError {
        TOMLError(file: file, line: headerLine, key: key, message: "\(table) needs \(key) (\(what))")
    }

    private mutating func take(_ key: String) -> TOMLDocument.Entry? {
        entries.removeValue(forKey: key)
    }

    private func wrong(_ e: TOMLDocument.Entry, _ expected: String) -> TOMLError {
        TOMLError(file: file, line: e.line, key: e.key, message: "expected \(expected), not \(e.value.typeName) \(e.value.text)")
    }

    mutating func string(_ key: String) throws(TOMLError) -> String? {
        guard let e = take(key) else { return nil }
        guard case .string(let s) = e.value else { throw wrong(e, "a string") }
        return s
    }

    mutating func strings(_ key: String) throws(TOMLError) -> [String]? {
        guard let e = take(key) else { return nil }
        guard case .array(let items) = e.value else { throw wrong(e, "an array of strings") }
        return try items.map { v throws(TOMLError) -> String in
            guard case .string(let s) = v else { throw wrong(e, "an array of strings") }
            return s
        }
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>) throws(TOMLError) -> Double? {
        guard let e = take(key) else { return nil }
        guard let x = e.value.number else { throw wrong(e, "a number") }
        guard range.contains(x) else {
            throw TOMLError(file: file, line: e.line, key: key, message: "\(e.value.text) is out of range \(Format.shortest(range.lowerBound))...\(Format.shortest(range.upperBound))")
        }
        return x
    }

    mutating func numbers(_ key: String) throws(TOMLError) -> [Double]? {
        guard let e = take(key) else { return nil }
        guard case .array(let items) = e.value else { throw wrong(e, "an array of numbers") }
        return try items.map { v throws(TOMLError) -> Double in
            guard let x = v.number else { throw wrong(e, "an array of numbers") }
            return x
        }
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(TOMLError) -> Int? {
        guard let e = take(key) else { return nil }
        guard case .integer(let i) = e.value else { throw wrong(e, "an integer") }
        guard range.contains(i) else { throw TOMLError(file: file, line: e.line, key: key, message: "\(i) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return i
    }

    /// A duration: a number of seconds or a string like "90m", "1.5h".
    mutating func duration(_ key: String) throws(TOMLError) -> Double? {
        guard let e = take(key) else { return nil }
        switch e.value {
        case .integer, .float:
            if let x = e.value.number, x >= 0 { return x }
        case .string(let s):
            if let x = Units.seconds(s) { return x }
        default: break
        }
        throw wrong(e, "a duration (\"90s\", \"15m\", \"1.5h\", \"2d\" or seconds)")
    }

    /// A time: RFC 3339 text.
    mutating func time(_ key: String) throws(TOMLError) -> Double? {
        guard let e = take(key) else { return nil }
        guard case .string(let s) = e.value, let t = RFC3339.seconds(s) else { throw wrong(e, "an RFC 3339 time (\"2026-11-20T00:00:00Z\")") }
        return t
    }

    mutating func expression(_ key: String, names: [String: Int], strings: StringTable) throws(TOMLError) -> SynthExpression? {
        guard let e = take(key) else { return nil }
        guard case .string(let s) = e.value else { throw wrong(e, "an expression in a string") }
        do {
            return try SynthExpression(s, names: names, strings: strings)
        } catch {
            throw TOMLError(file: file, line: e.line, key: key, message: error.description)
        }
    }

    /// Fails on the first key not read.
    func finish() throws(TOMLError) {
        guard let key = order.first(where: { entries[$0] != nil }), let e = entries[key] else { return }
        throw TOMLError(file: file, line: e.line, key: key, message: "unknown key in \(table)")
    }
}
