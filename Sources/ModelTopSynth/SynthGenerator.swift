import ModelTopCore
import ModelTopText

/// Generates a scenario's lines in the order they arrive: predictions (Poisson arrivals at the
/// model's rate and daily shape), labels after their delay, metrics every `metrics_every`,
/// malformed bursts, with the incidents applied. Deterministic: the same scenario and seed give
/// the same bytes.
public struct SynthGenerator {
    /// Where a line goes: a node's log, or the labels log.
    public enum Destination: Sendable, Equatable {
        case node(Int)
        case labels
    }

    public let scenario: Scenario
    private let end: Double
    private var queue = PendingQueue()
    private var sequence = 0
    private var randoms: [SynthRandom]
    private var metricsRandom: SynthRandom
    private var slots: [[SynthValue]]
    private var stack: [SynthValue] = []
    private var counters: [Int]
    private var line = LineBuffer()
    /// For labels and metrics written ahead (its date cache stays warm).
    private var scratch = LineBuffer()
    /// Lines generated so far.
    public private(set) var lines = 0
    /// Names as JSON strings, written once: nodes, models, versions, `"feature":` keys,
    /// categories; incidents by the model and the node they touch.
    private let nodeJSON: [[UInt8]]
    private let modelJSON: [[UInt8]]
    private let versionJSON: [[UInt8]]
    private let featureKeys: [[[UInt8]]]
    private let stringJSON: [[UInt8]]
    private let rolloutJSON: [Int: [UInt8]]
    private let incidentsOfModel: [[Incident]]
    private let incidentsOfNode: [[Incident]]
    private let silences: [[Incident]]
    private let idPrefix: [[UInt8]]

    fileprivate struct Pending {
        var time: Double
        var sequence: Int
        var what: What
    }

    fileprivate enum What {
        case prediction(Int)
        case metrics
        case malformed(incident: Int, index: Int)
        /// A line already written (labels, duplicates, metrics): its bytes are `held[slot]` (kept
        /// out of the heap, so moving entries copies no array).
        case line(Destination, slot: Int)
    }

    /// Lines written ahead of their time, by slot; `freeSlots` can be reused.
    private var held: [[UInt8]] = []
    private var freeSlots: [Int] = []

    private mutating func hold(_ time: Double, _ destination: Destination, _ bytes: [UInt8]) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            held[slot] = bytes
        } else {
            slot = held.count
            held.append(bytes)
        }
        push(time, .line(destination, slot: slot))
    }

    /// - Parameters:
    ///   - seed: instead of the scenario's.
    ///   - duration: seconds of event time instead of the scenario's.
    public init(_ scenario: Scenario, seed: UInt64? = nil, duration: Double? = nil) {
        self.scenario = scenario
        end = duration ?? scenario.duration
        let base = seed ?? scenario.seed
        randoms = scenario.models.indices.map { SynthRandom(seed: Mixer.mix(base &+ UInt64($0) &* 0x9e37_79b9)) }
        metricsRandom = SynthRandom(seed: Mixer.mix(base ^ 0x6d65_7472_6963_7321))
        slots = scenario.models.map { Array(repeating: .number(0), count: $0.slotCount) }
        counters = Array(repeating: 0, count: scenario.models.count)
        nodeJSON = scenario.nodes.map(LineBuffer.json)
        modelJSON = scenario.models.map { LineBuffer.json($0.name) }
        versionJSON = scenario.models.map { LineBuffer.json($0.version) }
        featureKeys = scenario.models.map { $0.features.map { LineBuffer.json($0.name) + [0x3a] } }
        stringJSON = scenario.strings.strings.map(LineBuffer.json)
        rolloutJSON = Dictionary(uniqueKeysWithValues: scenario.incidents.enumerated().compactMap { i, incident in
            incident.version.map { (i, LineBuffer.json($0)) }
        })
        incidentsOfModel = scenario.models.indices.map { m in scenario.incidents.filter { $0.model == m } }
        incidentsOfNode = scenario.nodes.indices.map { n in scenario.incidents.filter { $0.node == n } }
        silences = scenario.nodes.indices.map { n in scenario.incidents.filter { $0.kind == .nodeSilence && $0.node == n } }
        idPrefix = scenario.models.map { Array($0.name.utf8) + [0x2d] }
        for m in scenario.models.indices { schedulePrediction(m, after: 0) }
        if let every = scenario.metricsEvery, every > 0 { push(every - 0.5 < 0 ? every : every - 0.5, .metrics) }
        for (i, incident) in scenario.incidents.enumerated() where incident.kind == .malformedBurst && incident.start < end {
            push(incident.start, .malformed(incident: i, index: 0))
        }
    }

    private mutating func push(_ time: Double, _ what: What) {
        sequence += 1
        queue.insert(Pending(time: time, sequence: sequence, what: what))
    }

    /// The next line (with its newline) appended to `out`, with its arrival time (seconds after
    /// the start) and destination; nil at the end.
    /// - Complexity: O(features + log pending) per line.
    public mutating func next(into out: inout [UInt8]) -> (time: Double, destination: Destination)? {
        while let p = queue.popMin() {
            guard p.time < end else { continue }
            line.bytes.removeAll(keepingCapacity: true)
            switch p.what {
            case .prediction(let m):
                schedulePrediction(m, after: p.time)
                guard let destination = prediction(m, at: p.time) else { continue }
                return emit(into: &out, time: p.time, destination)
            case .metrics:
                let every = scenario.metricsEvery ?? 60
                push(p.time + every, .metrics)
                metrics(at: p.time)
                continue
            case .malformed(let i, let index):
                let incident = scenario.incidents[i]
                if index + 1 < incident.count {
                    push(incident.start + (incident.end - incident.start) * Double(index + 1) / Double(incident.count),
                         .malformed(incident: i, index: index + 1))
                }
                malformed(index, at: p.time)
                return emit(into: &out, time: p.time, .node(incident.node ?? 0))
            case .line(let destination, let slot):
                lines += 1
                out += held[slot]
                held[slot] = []
                freeSlots.append(slot)
                return (p.time, destination)
            }
        }
        return nil
    }

    private mutating func emit(into out: inout [UInt8], time: Double, _ destination: Destination) -> (time: Double, destination: Destination) {
        line.bytes.append(0x0a)
        out += line.bytes
        lines += 1
        return (time, destination)
    }

    // MARK: Predictions

    private mutating func schedulePrediction(_ m: Int, after t: Double) {
        let model = scenario.models[m]
        var t = t
        // Hours with no traffic are skipped whole.
        for _ in 0..<48 {
            let rate = model.rate * dailyFactor(model, at: t)
            if rate > 0 {
                push(t + randoms[m].exponential(mean: 1 / rate), .prediction(m))
                return
            }
            t = ((t + scenario.start) / 3600).rounded(.down) * 3600 + 3600 - scenario.start
        }
    }

    private func dailyFactor(_ model: Scenario.Model, at t: Double) -> Double {
        guard let daily = model.daily else { return 1 }
        let hour = Int(((scenario.start + t) / 3600).rounded(.down)) % 24
        return daily[(hour + 24) % 24]
    }

    @inline(__always)
    private func silent(_ node: Int, at t: Double) -> Bool {
        silences[node].contains { t >= $0.start && t < $0.end }
    }

    /// Writes a prediction of model `m` at `t` into `line`; nil when every node of the model is
    /// silent.
    private mutating func prediction(_ m: Int, at t: Double) -> Destination? {
        let model = scenario.models[m]
        var random = randoms[m]
        defer { randoms[m] = random }
        var node = model.nodes[Int(random.next().multipliedFullWidth(by: UInt64(model.nodes.count)).high)]
        if silent(node, at: t) {
            let up = model.nodes.filter { !silent($0, at: t) }
            guard !up.isEmpty else { return nil }
            node = up[Int(random.next().multipliedFullWidth(by: UInt64(up.count)).high)]
        }
        var values = slots[m]
        defer { slots[m] = values }
        draw(model, m, at: t, values: &values, random: &random, incidents: true)
        // Incidents on the outcome.
        var version = versionJSON[m]
        var latencyFactor = 1.0
        var worse = 0.0
        for (i, incident) in scenario.incidents.enumerated() where incident.kind == .rollout && incident.model == m {
            let s = incident.strength(at: t)
            if s > 0, random.uniform() < incident.share * s {
                version = rolloutJSON[i] ?? version
                latencyFactor *= incident.factor
                worse = incident.worse
            }
        }
        for incident in incidentsOfNode[node] where incident.kind == .latencySpike && (incident.model == nil || incident.model == m) {
            if incident.strength(at: t) > 0 { latencyFactor *= incident.factor }
        }
        var truth = truthValue(model, m, at: t, values: values, random: &random)
        var prediction = values[Slot.prediction(model)]
        if worse > 0, random.uniform() < worse, let label = truth {
            prediction = wrong(prediction, label: label, task: model.task)
        }
        if model.labelLoss > 0, truth != nil, random.uniform() < model.labelLoss { truth = nil }
        let latency = max(0, model.latency.evaluate(values, random: &random, stack: &stack).number) * latencyFactor
        counters[m] += 1
        var eventTime = t
        var duplicate = false
        for incident in incidentsOfModel[m] where incident.strength(at: t) > 0 {
            switch incident.kind {
            case .lateEvents where random.uniform() < incident.share: eventTime = t - incident.delay
            case .duplicates where random.uniform() < incident.share: duplicate = true
            default: break
            }
        }
        var labelDelay: Double?
        if truth != nil, let delay = model.labelDelay {
            labelDelay = max(0, delay.evaluate(values, random: &random, stack: &stack).number)
        }
        // The line.
        Self.head(&line, time: scenario.start + eventTime, model: modelJSON[m])
        line.raw(",\"version\":")
        line.raw(version)
        line.raw(",\"node\":")
        line.raw(nodeJSON[node])
        Self.id(&line, prefix: idPrefix[m], counters[m])
        line.raw(",\"prediction\":")
        writePrediction(prediction, model)
        if model.score != nil {
            line.raw(",\"score\":")
            line.number(values[Slot.score(model)].number, digits: model.digits)
        }
        if let truth, labelDelay == nil {
            line.raw(",\"label\":")
            writePrediction(truth, model)
        }
        line.raw(",\"latency_ms\":")
        line.number(latency, digits: 1)
        writeFeatures(model, m, values: values, random: &random)
        line.raw("}")
        if duplicate { hold(t, .node(node), line.bytes + [0x0a]) }
        if let truth, let delay = labelDelay, t + delay < end {
            var label = scratch
            label.bytes.removeAll(keepingCapacity: true)
            Self.head(&label, time: scenario.start + (t + delay), model: modelJSON[m])
            Self.id(&label, prefix: idPrefix[m], counters[m])
            label.raw(",\"label\":")
            swap(&label, &line)
            writePrediction(truth, model)
            swap(&label, &line)
            label.raw("}\n")
            hold(t + delay, .labels, label.bytes)
            scratch = label
        }
        return .node(node)
    }

    /// `{"ts":...,"model":...` at event time `time` (static: writing into the generator's own
    /// `line` must not copy the generator).
    private static func head(_ b: inout LineBuffer, time: Double, model: [UInt8]) {
        b.raw("{\"ts\":")
        b.time(time)
        b.raw(",\"model\":")
        b.raw(model)
    }

    /// `,"id":"MODEL-N"`.
    private static func id(_ b: inout LineBuffer, prefix: [UInt8], _ n: Int) {
        b.raw(",\"id\":\"")
        b.raw(prefix)
        b.integer(Int64(n))
        b.raw("\"")
    }

    /// Draws the features (with incidents), signal, score and prediction into `values`.
    private mutating func draw(_ model: Scenario.Model, _ m: Int, at t: Double, values: inout [SynthValue],
                               random: inout SynthRandom, incidents: Bool) {
        values[Slot.t] = .number(t / 3600)
        values[Slot.hour] = .number(((scenario.start + t).truncatingRemainder(dividingBy: 86_400)) / 3600)
        for (i, feature) in model.features.enumerated() {
            var v = feature.value.evaluate(values, random: &random, stack: &stack)
            if incidents {
                for incident in incidentsOfModel[m] where incident.kind == .featureDrift && incident.feature == i {
                    let s = incident.strength(at: t)
                    guard s > 0 else { continue }
                    // Another expression: meanwhile (with a linear ramp, for a growing share).
                    if let value = incident.value, s >= 1 || random.uniform() < s {
                        v = value.evaluate(values, random: &random, stack: &stack)
                    }
                    if case .number(let x) = v, incident.shift != 0 || incident.scale != 1 {
                        v = .number(x * (1 + (incident.scale - 1) * s) + incident.shift * s)
                    }
                    if let category = incident.category, random.uniform() < incident.share * s { v = .string(category) }
                }
            }
            values[Slot.feature(i)] = v
        }
        if let signal = model.signal { values[Slot.signal(model)] = signal.evaluate(values, random: &random, stack: &stack) }
        if let score = model.score { values[Slot.score(model)] = score.evaluate(values, random: &random, stack: &stack) }
        values[Slot.prediction(model)] = model.prediction.evaluate(values, random: &random, stack: &stack)
    }

    private mutating func truthValue(_ model: Scenario.Model, _ m: Int, at t: Double, values: [SynthValue],
                                     random: inout SynthRandom) -> SynthValue? {
        var expression = model.truth
        for incident in incidentsOfModel[m] where incident.kind == .conceptDrift && incident.strength(at: t) > 0 {
            expression = incident.truth
        }
        return expression?.evaluate(values, random: &random, stack: &stack)
    }

    /// A prediction made wrong on purpose (a worse version): the other class, or a larger error.
    private func wrong(_ prediction: SynthValue, label: SynthValue, task: Scenario.Task) -> SynthValue {
        switch (task, prediction, label) {
        case (.binary, _, .number(let l)): .number(l == 0 ? 1 : 0)
        case (.regression, .number(let p), .number(let l)): .number(l + 3 * (p - l) + (p >= l ? 1 : -1) * max(abs(l) * 0.2, 1))
        default: prediction
        }
    }

    private mutating func writePrediction(_ v: SynthValue, _ model: Scenario.Model) {
        if model.task == .binary, case .number(let x) = v {
            line.number(x != 0 && !x.isNaN ? 1 : 0, digits: 0)
        } else {
            value(v, digits: model.digits)
        }
    }

    @inline(__always)
    private mutating func value(_ v: SynthValue, digits: Int) {
        switch v {
        case .number(let x): line.number(x, digits: digits)
        case .string(let i): line.raw(stringJSON[i])
        }
    }

    private mutating func writeFeatures(_ model: Scenario.Model, _ m: Int, values: [SynthValue], random: inout SynthRandom) {
        line.raw(",\"features\":{")
        let keys = featureKeys[m]
        for (i, feature) in model.features.enumerated() {
            if i > 0 { line.raw(",") }
            line.raw(keys[i])
            if feature.missing > 0, random.uniform() < feature.missing {
                line.raw("null")
            } else {
                value(values[Slot.feature(i)], digits: feature.digits)
            }
        }
        line.raw("}")
    }

    // MARK: Metrics and malformed lines

    /// `latency_ms` and `error_rate` of every model on every node that is up, at `t`.
    private mutating func metrics(at t: Double) {
        for node in scenario.nodes.indices where !silent(node, at: t) {
            for (m, model) in scenario.models.enumerated() where model.nodes.contains(node) {
                var values = slots[m]
                values[Slot.t] = .number(t / 3600)
                var factor = 1.0, errorRate = model.errorRate * (0.5 + metricsRandom.uniform())
                for incident in scenario.incidents where incident.node == node && incident.strength(at: t) > 0 {
                    if incident.kind == .latencySpike, incident.model == nil || incident.model == m { factor *= incident.factor }
                    if incident.kind == .errorBurst { errorRate = incident.errorRate * (0.8 + 0.4 * metricsRandom.uniform()) }
                }
                let latency = max(0, model.latency.evaluate(values, random: &metricsRandom, stack: &stack).number) * factor
                for (name, value, digits) in [("latency_ms", latency, 1), ("error_rate", errorRate, 4)] {
                    var metric = scratch
                    metric.bytes.removeAll(keepingCapacity: true)
                    Self.head(&metric, time: scenario.start + t, model: modelJSON[m])
                    metric.raw(",\"node\":")
                    metric.raw(nodeJSON[node])
                    metric.raw(",\"metric\":")
                    metric.string(name)
                    metric.raw(",\"value\":")
                    metric.number(value, digits: digits)
                    metric.raw("}\n")
                    hold(t, .node(node), metric.bytes)
                    scratch = metric
                }
            }
        }
    }

    private mutating func malformed(_ index: Int, at t: Double) {
        let stamp = "\"" + RFC3339.string(fromSeconds: scenario.start + t, fractionDigits: 3) + "\""
        let model = scenario.models[0].name
        let lines = [
            "{\"ts\":\(stamp),\"model\":\"\(model)\",\"prediction\":NaN}",
            "{\"ts\":\(stamp),\"model\":\"\(model)\",\"features\":{\"x\":12.5",
            "{\"ts\":\(stamp),\"prediction\":1}",
            "Traceback (most recent call last): \(stamp)",
            "{\"ts\":\(stamp),\"model\":\"\(model)\",\"score\":\"high\",\"prediction\":1}",
        ]
        line.bytes += Array(lines[index % lines.count].utf8)
    }

    // MARK: Reference and truth

    /// The reference rows of model `m` (a validation sample: no incidents, labels inline),
    /// `--out`'s reference/MODEL.jsonl.
    public mutating func reference(_ m: Int) -> [UInt8] {
        let model = scenario.models[m]
        var random = SynthRandom(seed: Mixer.mix(scenario.seed ^ 0x7265_6665_7265_6e63 &+ UInt64(m)))
        var values = slots[m]
        var out: [UInt8] = []
        for _ in 0..<model.referenceSize {
            line.bytes.removeAll(keepingCapacity: true)
            draw(model, m, at: 0, values: &values, random: &random, incidents: false)
            let truth = model.truth?.evaluate(values, random: &random, stack: &stack)
            line.raw("{\"model\":")
            line.raw(modelJSON[m])
            line.raw(",\"prediction\":")
            writePrediction(values[Slot.prediction(model)], model)
            if model.score != nil {
                line.raw(",\"score\":")
                line.number(values[Slot.score(model)].number, digits: model.digits)
            }
            if let truth {
                line.raw(",\"label\":")
                writePrediction(truth, model)
            }
            writeFeatures(model, m, values: values, random: &random)
            line.raw("}\n")
            out += line.bytes
        }
        return out
    }
}

/// A binary min-heap of pending lines by (time, sequence): the generator's queue, written out
/// for its one element type (no comparator closure, no generic dispatch).
private struct PendingQueue {
    private var items: [SynthGenerator.Pending] = []

    @inline(__always)
    private static func less(_ a: SynthGenerator.Pending, _ b: SynthGenerator.Pending) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    mutating func insert(_ p: SynthGenerator.Pending) {
        items.append(p)
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            let x = h[i]
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.less(x, h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = x
        }
    }

    mutating func popMin() -> SynthGenerator.Pending? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let top = items[0]
        items.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let l = 2 * i + 1
                guard l < n else { break }
                let r = l + 1
                let c = r < n && Self.less(h[r], h[l]) ? r : l
                guard Self.less(h[c], last) else { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
        }
        return top
    }
}
