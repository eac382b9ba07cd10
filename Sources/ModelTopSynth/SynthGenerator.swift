import ModelTopCore
import ModelTopText

/// Generates a scenario's lines in the order they arrive: predictions (Poisson arrivals at the
/// model's rate and daily shape), labels after their delay, metrics every `metrics_every`,
/// malformed bursts, with the incidents applied. Deterministic: the same scenario and seed give
/// the same bytes.
///
/// Runs from the scenario compiled into a ``SynthPlan``, with its values, random streams and
/// evaluation stack in buffers it owns (so it cannot be copied).
public struct SynthGenerator: ~Copyable {
    /// Where a line goes: a node's log, or the labels log.
    public enum Destination: Sendable, Equatable {
        case node(Int)
        case labels
    }

    public let scenario: Scenario
    private let plan: SynthPlan
    private let end: Double
    private var queue = PendingQueue()
    private var sequence = 0
    /// Per model: its random stream, its predictions so far; its values (`plan`'s slots).
    private let randoms: UnsafeMutableBufferPointer<SynthRandom>
    private let counters: UnsafeMutableBufferPointer<Int>
    private let values: UnsafeMutableBufferPointer<SynthValue>
    private let stack: UnsafeMutableBufferPointer<SynthValue>
    private var metricsRandom: SynthRandom
    /// Per model: the labels seen so far (multiclass models; at most 64), the classes a worse
    /// version's wrong predictions come from.
    private var classes: [[SynthValue]]
    private var line = LineBuffer()
    /// Lines generated so far.
    public private(set) var lines = 0

    struct Pending {
        var time: Double
        var sequence: Int
        var what: What
    }

    enum What {
        case prediction(Int)
        case metrics
        case malformed(incident: Int, index: Int)
        /// The delayed label of model `model`'s prediction `id`: written when it is due (what it
        /// needs is small; holding written lines for a minute cost a cache miss each).
        case label(model: Int32, id: Int, value: SynthValue)
        /// A model's `latency_ms` or `error_rate` metric on a node.
        case metric(model: Int32, node: Int32, errorRate: Bool, value: Double)
        /// A line already written (duplicates): its bytes are `held[slot]` (kept out of the heap,
        /// so moving entries copies no array).
        case line(node: Int, slot: Int)
    }

    /// Lines written ahead of their time, by slot; `freeSlots` can be reused.
    private var held: [[UInt8]] = []
    private var freeSlots: [Int] = []

    private mutating func hold(_ time: Double, node: Int, _ bytes: [UInt8]) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            held[slot] = bytes
        } else {
            slot = held.count
            held.append(bytes)
        }
        push(time, .line(node: node, slot: slot))
    }

    /// - Parameters:
    ///   - seed: instead of the scenario's.
    ///   - duration: seconds of event time instead of the scenario's.
    public init(_ scenario: Scenario, seed: UInt64? = nil, duration: Double? = nil) {
        self.scenario = scenario
        plan = SynthPlan(scenario)
        end = duration ?? scenario.duration
        let base = seed ?? scenario.seed
        randoms = .frozen(scenario.models.indices.map { SynthRandom(seed: Mixer.mix(base &+ UInt64($0) &* 0x9e37_79b9)) })
        metricsRandom = SynthRandom(seed: Mixer.mix(base ^ 0x6d65_7472_6963_7321))
        counters = .frozen(Array(repeating: 0, count: scenario.models.count))
        classes = Array(repeating: [], count: scenario.models.count)
        values = .frozen(Array(repeating: .number(0), count: plan.slotCount))
        stack = .frozen(Array(repeating: .number(0), count: plan.longestCode))
        for m in scenario.models.indices { schedulePrediction(m, after: 0) }
        if let every = scenario.metricsEvery, every > 0 { push(every - 0.5 < 0 ? every : every - 0.5, .metrics) }
        for (i, incident) in scenario.incidents.enumerated() where incident.kind == .malformedBurst && incident.start < end {
            push(incident.start, .malformed(incident: i, index: 0))
        }
    }

    deinit {
        randoms.deallocate()
        counters.deallocate()
        values.deallocate()
        stack.deallocate()
    }

    private mutating func push(_ time: Double, _ what: What) {
        sequence += 1
        // What is due at the end or later is never written (nor does it schedule anything).
        guard time < end else { return }
        queue.insert(Pending(time: time, sequence: sequence, what: what))
    }

    /// The next line (with its newline) appended to `out`, with its arrival time (seconds after
    /// the start) and destination; nil at the end.
    /// - Complexity: O(features + log pending) per line.
    public mutating func next(into out: inout [UInt8]) -> (time: Double, destination: Destination)? {
        // (What is due at the end or later was never queued: see ``push``.)
        while let p = queue.popMin() {
            line.clear()
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
                let incident = plan.incidents[i]
                if index + 1 < incident.count {
                    push(incident.start + (incident.end - incident.start) * Double(index + 1) / Double(incident.count),
                         .malformed(incident: i, index: index + 1))
                }
                malformed(index, at: p.time)
                return emit(into: &out, time: p.time, .node(max(incident.node, 0)))
            case .label(let m, let id, let value):
                let model = plan.models[Int(m)]
                Self.head(&line, time: scenario.start + p.time, model: plan.bytes(model.name))
                Self.id(&line, prefix: plan.bytes(model.idPrefix), id)
                line.raw(",\"label\":")
                Self.label(&line, value, model, plan)
                line.raw("}")
                return emit(into: &out, time: p.time, .labels)
            case .metric(let m, let node, let errorRate, let value):
                Self.head(&line, time: scenario.start + p.time, model: plan.bytes(plan.models[Int(m)].name))
                line.raw(",\"node\":")
                line.raw(plan.bytes(plan.nodes[Int(node)].name))
                line.raw(errorRate ? ",\"metric\":\"error_rate\",\"value\":" : ",\"metric\":\"latency_ms\",\"value\":")
                line.number(value, digits: errorRate ? 4 : 1)
                line.raw("}")
                return emit(into: &out, time: p.time, .node(Int(node)))
            case .line(let node, let slot):
                lines += 1
                out += held[slot]
                held[slot] = []
                freeSlots.append(slot)
                return (p.time, .node(node))
            }
        }
        return nil
    }

    private mutating func emit(into out: inout [UInt8], time: Double, _ destination: Destination) -> (time: Double, destination: Destination) {
        line.append(0x0a)
        out.append(contentsOf: line.bytes)
        lines += 1
        return (time, destination)
    }

    // MARK: Predictions

    private mutating func schedulePrediction(_ m: Int, after t: Double) {
        let model = plan.models[m]
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

    private func dailyFactor(_ model: SynthPlan.ModelRecord, at t: Double) -> Double {
        guard model.daily >= 0 else { return 1 }
        let hour = Int(((scenario.start + t) / 3600).rounded(.down)) % 24
        return plan.numbers[model.daily + (hour + 24) % 24]
    }

    @inline(__always)
    private func silent(_ node: Int, at t: Double) -> Bool {
        plan.nodes[node].silences.contains { plan.incident(listed: $0).strength(at: t) > 0 }
    }

    /// Writes a prediction of model `m` at `t` into `line`; nil when every node of the model is
    /// silent.
    private mutating func prediction(_ m: Int, at t: Double) -> Destination? {
        let plan = plan
        let model = plan.models[m]
        let random = randoms.baseAddress! + m
        let values = self.values.baseAddress! + model.slots, stack = self.stack.baseAddress!
        let nodes = model.nodes
        var node = plan.indexes[nodes.lowerBound + Int(random.pointee.next().multipliedFullWidth(by: UInt64(nodes.count)).high)]
        if silent(node, at: t) {
            let up = nodes.count { !silent(plan.indexes[$0], at: t) }
            guard up > 0 else { return nil }
            var k = Int(random.pointee.next().multipliedFullWidth(by: UInt64(up)).high)
            for i in nodes where !silent(plan.indexes[i], at: t) {
                if k == 0 {
                    node = plan.indexes[i]
                    break
                }
                k -= 1
            }
        }
        draw(model, at: t, values: values, random: &random.pointee, incidents: true)
        // Incidents on the outcome.
        var version = model.version
        var latencyFactor = 1.0
        var worse = 0.0
        for i in model.rollouts {
            let incident = plan.incident(listed: i)
            let s = incident.strength(at: t)
            if s > 0, random.pointee.uniform() < incident.share * s {
                version = incident.version
                latencyFactor *= incident.factor
                worse = incident.worse
            }
        }
        for i in plan.nodes[node].spikes {
            let incident = plan.incident(listed: i)
            if incident.model < 0 || incident.model == m, incident.strength(at: t) > 0 { latencyFactor *= incident.factor }
        }
        var truthCode = model.truth
        for i in model.conceptDrifts where plan.incident(listed: i).strength(at: t) > 0 {
            truthCode = plan.incident(listed: i).truth
        }
        var truth = truthCode.exists ? plan.run(truthCode, slots: values, stack: stack, random: &random.pointee) : nil
        if model.task == .multiclass, let truth, classes[m].count < 64, !classes[m].contains(truth) { classes[m].append(truth) }
        var prediction = values[model.predictionSlot]
        if worse > 0, random.pointee.uniform() < worse, let label = truth {
            prediction = Self.wrong(prediction, label: label, task: model.task, classes: classes[m], random: &random.pointee)
        }
        if model.labelLoss > 0, truth != nil, random.pointee.uniform() < model.labelLoss { truth = nil }
        let latency = max(0, plan.run(model.latency, slots: values, stack: stack, random: &random.pointee).number) * latencyFactor
        counters[m] += 1
        var eventTime = t
        var duplicate = false
        for i in model.timing {
            let incident = plan.incident(listed: i)
            guard incident.strength(at: t) > 0, random.pointee.uniform() < incident.share else { continue }
            if incident.kind == .lateEvents { eventTime = t - incident.delay } else { duplicate = true }
        }
        var labelDelay: Double?
        if truth != nil, model.labelDelay.exists {
            labelDelay = max(0, plan.run(model.labelDelay, slots: values, stack: stack, random: &random.pointee).number)
        }
        // The line.
        Self.head(&line, time: scenario.start + eventTime, model: plan.bytes(model.name))
        line.raw(",\"version\":")
        line.raw(plan.bytes(version))
        line.raw(",\"node\":")
        line.raw(plan.bytes(plan.nodes[node].name))
        Self.id(&line, prefix: plan.bytes(model.idPrefix), counters[m])
        line.raw(",\"prediction\":")
        Self.label(&line, prediction, model, plan)
        if model.score.exists {
            line.raw(",\"score\":")
            line.number(values[model.scoreSlot].number, digits: model.digits)
        }
        if let truth, labelDelay == nil {
            line.raw(",\"label\":")
            Self.label(&line, truth, model, plan)
        }
        line.raw(",\"latency_ms\":")
        line.number(latency, digits: 1)
        Self.features(&line, model, values: values, random: &random.pointee, plan)
        line.raw("}")
        if duplicate { hold(t, node: node, Array(line.bytes) + [0x0a]) }
        if let truth, let delay = labelDelay, t + delay < end {
            push(t + delay, .label(model: Int32(m), id: counters[m], value: truth))
        }
        return .node(node)
    }

    /// `{"ts":...,"model":...` at event time `time`.
    private static func head(_ b: inout LineBuffer, time: Double, model: UnsafeBufferPointer<UInt8>) {
        b.raw("{\"ts\":")
        b.time(time)
        b.raw(",\"model\":")
        b.raw(model)
    }

    /// `,"id":"MODEL-N"`.
    private static func id(_ b: inout LineBuffer, prefix: UnsafeBufferPointer<UInt8>, _ n: Int) {
        b.raw(",\"id\":\"")
        b.raw(prefix)
        b.integer(Int64(n))
        b.raw("\"")
    }

    /// Draws the features (with incidents), signal, score and prediction into `values`.
    private func draw(_ model: SynthPlan.ModelRecord, at t: Double, values: UnsafeMutablePointer<SynthValue>,
                      random: inout SynthRandom, incidents: Bool) {
        let plan = plan, stack = stack.baseAddress!
        values[Slot.t] = .number(t / 3600)
        values[Slot.hour] = .number(((scenario.start + t).truncatingRemainder(dividingBy: 86_400)) / 3600)
        for (i, f) in model.features.enumerated() {
            let feature = plan.features[f]
            var v = plan.run(feature.code, slots: values, stack: stack, random: &random)
            if incidents {
                for d in feature.drifts {
                    let incident = plan.incident(listed: d)
                    let s = incident.strength(at: t)
                    guard s > 0 else { continue }
                    // Another expression: meanwhile (with a linear ramp, for a growing share).
                    if incident.value.exists, s >= 1 || random.uniform() < s {
                        v = plan.run(incident.value, slots: values, stack: stack, random: &random)
                    }
                    if case .number(let x) = v, incident.shift != 0 || incident.scale != 1 {
                        v = .number(x * (1 + (incident.scale - 1) * s) + incident.shift * s)
                    }
                    if incident.category >= 0, random.uniform() < incident.share * s { v = .string(incident.category) }
                }
            }
            values[Slot.feature(i)] = v
        }
        if model.signal.exists { values[model.signalSlot] = plan.run(model.signal, slots: values, stack: stack, random: &random) }
        if model.score.exists { values[model.scoreSlot] = plan.run(model.score, slots: values, stack: stack, random: &random) }
        values[model.predictionSlot] = plan.run(model.prediction, slots: values, stack: stack, random: &random)
    }

    /// A prediction made wrong on purpose (a worse version): the other class (binary), another
    /// class seen among the labels (multiclass; unchanged while there is none), or a larger
    /// error (regression, ranking).
    private static func wrong(_ prediction: SynthValue, label: SynthValue, task: Scenario.Task, classes: [SynthValue],
                              random: inout SynthRandom) -> SynthValue {
        switch (task, prediction, label) {
        case (.binary, _, .number(let l)): return .number(l == 0 ? 1 : 0)
        case (.regression, .number(let p), .number(let l)), (.ranking, .number(let p), .number(let l)):
            return .number(l + 3 * (p - l) + (p >= l ? 1 : -1) * max(abs(l) * 0.2, 1))
        case (.multiclass, _, _):
            let others = classes.filter { $0 != label }
            guard !others.isEmpty else { return prediction }
            return others[Int(random.next().multipliedFullWidth(by: UInt64(others.count)).high)]
        default: return prediction
        }
    }

    /// A prediction or label of `model`: 1 or 0 for a binary classifier, else the value.
    private static func label(_ b: inout LineBuffer, _ v: SynthValue, _ model: SynthPlan.ModelRecord, _ plan: SynthPlan) {
        if model.task == .binary, case .number(let x) = v {
            b.number(x != 0 && !x.isNaN ? 1 : 0, digits: 0)
        } else {
            value(&b, v, digits: model.digits, plan)
        }
    }

    @inline(__always)
    private static func value(_ b: inout LineBuffer, _ v: SynthValue, digits: Int, _ plan: SynthPlan) {
        switch v {
        case .number(let x): b.number(x, digits: digits)
        case .string(let i): b.raw(plan.bytes(plan.strings[i]))
        }
    }

    private static func features(_ b: inout LineBuffer, _ model: SynthPlan.ModelRecord, values: UnsafeMutablePointer<SynthValue>,
                                 random: inout SynthRandom, _ plan: SynthPlan) {
        b.raw(",\"features\":{")
        for (i, f) in model.features.enumerated() {
            let feature = plan.features[f]
            if i > 0 { b.raw(",") }
            b.raw(plan.bytes(feature.key))
            if feature.missing > 0, random.uniform() < feature.missing {
                b.raw("null")
            } else {
                value(&b, values[Slot.feature(i)], digits: feature.digits, plan)
            }
        }
        b.raw("}")
    }

    // MARK: Metrics and malformed lines

    /// `latency_ms` and `error_rate` of every model on every node that is up, at `t`.
    private mutating func metrics(at t: Double) {
        let plan = plan, stack = stack.baseAddress!
        for node in scenario.nodes.indices where !silent(node, at: t) {
            for m in plan.models.indices where plan.models[m].nodes.contains(where: { plan.indexes[$0] == node }) {
                let model = plan.models[m]
                let values = self.values.baseAddress! + model.slots
                var factor = 1.0, errorRate = model.errorRate * (0.5 + metricsRandom.uniform())
                for incident in plan.incidents where incident.node == node && incident.strength(at: t) > 0 {
                    if incident.kind == .latencySpike, incident.model < 0 || incident.model == m { factor *= incident.factor }
                    if incident.kind == .errorBurst { errorRate = incident.errorRate * (0.8 + 0.4 * metricsRandom.uniform()) }
                }
                // The latency expression at this time, over the model's last values.
                let last = values[Slot.t]
                values[Slot.t] = .number(t / 3600)
                let latency = max(0, plan.run(model.latency, slots: values, stack: stack, random: &metricsRandom).number) * factor
                values[Slot.t] = last
                push(t, .metric(model: Int32(m), node: Int32(node), errorRate: false, value: latency))
                push(t, .metric(model: Int32(m), node: Int32(node), errorRate: true, value: errorRate))
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
        line.raw(Array(lines[index % lines.count].utf8))
    }

    // MARK: Reference and truth

    /// The reference rows of model `m` (a validation sample: no incidents, labels inline),
    /// `--out`'s reference/MODEL.jsonl.
    public mutating func reference(_ m: Int) -> [UInt8] {
        let plan = plan, stack = stack.baseAddress!
        let model = plan.models[m]
        var random = SynthRandom(seed: Mixer.mix(scenario.seed ^ 0x7265_6665_7265_6e63 &+ UInt64(m)))
        let values = self.values.baseAddress! + model.slots
        // The traffic's values stay as they were (metrics read a model's last values).
        let saved = Array(UnsafeBufferPointer(start: values, count: model.slotCount))
        defer { _ = UnsafeMutableBufferPointer(start: values, count: model.slotCount).update(from: saved) }
        var out: [UInt8] = []
        for _ in 0..<scenario.models[m].referenceSize {
            line.clear()
            draw(model, at: 0, values: values, random: &random, incidents: false)
            let truth = model.truth.exists ? plan.run(model.truth, slots: values, stack: stack, random: &random) : nil
            line.raw("{\"model\":")
            line.raw(plan.bytes(model.name))
            line.raw(",\"prediction\":")
            Self.label(&line, values[model.predictionSlot], model, plan)
            if model.score.exists {
                line.raw(",\"score\":")
                line.number(values[model.scoreSlot].number, digits: model.digits)
            }
            if let truth {
                line.raw(",\"label\":")
                Self.label(&line, truth, model, plan)
            }
            Self.features(&line, model, values: values, random: &random, plan)
            line.raw("}\n")
            out.append(contentsOf: line.bytes)
        }
        return out
    }
}
