/// A scenario compiled for generation: every expression's ops in one buffer, every name as
/// JSON bytes in another, and models, features and incidents as plain records indexing them,
/// with the incidents each step looks at listed in advance. Generating a line from it reads
/// buffers only: no reference counting, no copies of the scenario's structs.
///
/// Immutable once built; it owns its buffers.
final class SynthPlan {
    /// An expression: `count` ops from `start` in ``ops`` (count 0: none).
    struct Code {
        var start = 0, count = 0
        var exists: Bool { count > 0 }
    }

    /// Bytes in ``text``.
    struct Text {
        var start = 0, count = 0
    }

    struct ModelRecord {
        var task: Scenario.Task
        var rate: Double
        /// 24 hourly factors from here in ``numbers``; -1: flat.
        var daily: Int
        /// In ``indexes``: its nodes.
        var nodes: Range<Int>
        /// In ``features``.
        var features: Range<Int>
        var signal: Code, score: Code, prediction: Code, truth: Code, labelDelay: Code, latency: Code
        var labelLoss: Double
        var errorRate: Double
        var digits: Int
        var name: Text, version: Text, idPrefix: Text
        /// Its first value slot (t, hour, features, signal, score, prediction follow: ``Slot``).
        var slots: Int
        /// In ``indexes``: its rollouts; its concept drifts; its late-events and duplicates
        /// incidents (scenario order within each).
        var rollouts: Range<Int>, conceptDrifts: Range<Int>, timing: Range<Int>

        /// Its value slots, and those of `signal`, `score` and `prediction` among them.
        var slotCount: Int { Slot.count(features: features.count) }
        var signalSlot: Int { Slot.signal(features: features.count) }
        var scoreSlot: Int { Slot.score(features: features.count) }
        var predictionSlot: Int { Slot.prediction(features: features.count) }
    }

    struct FeatureRecord {
        var code: Code
        var digits: Int
        var missing: Double
        /// `"name":`.
        var key: Text
        /// In ``indexes``: the feature drifts on it.
        var drifts: Range<Int>
    }

    struct IncidentRecord {
        var kind: Incident.Kind
        var start: Double, end: Double
        var linear: Bool
        /// -1: none.
        var model: Int, node: Int, category: Int
        var shift: Double, scale: Double, share: Double
        var truth: Code, value: Code
        var version: Text
        var worse: Double, factor: Double, errorRate: Double, delay: Double
        var count: Int

        /// Its strength at `t`: 0 outside, 1 inside, or rising linearly.
        @inline(__always)
        func strength(at t: Double) -> Double {
            guard t >= start, t < end else { return 0 }
            return linear ? (t - start) / max(end - start, 1e-9) : 1
        }
    }

    struct NodeRecord {
        var name: Text
        /// In ``indexes``: its silences; its latency spikes.
        var silences: Range<Int>, spikes: Range<Int>
    }

    let ops: UnsafeMutableBufferPointer<SynthExpression.Op>
    let text: UnsafeMutableBufferPointer<UInt8>
    let models: UnsafeMutableBufferPointer<ModelRecord>
    let features: UnsafeMutableBufferPointer<FeatureRecord>
    let incidents: UnsafeMutableBufferPointer<IncidentRecord>
    let nodes: UnsafeMutableBufferPointer<NodeRecord>
    /// Lists of indexes (nodes of a model, incidents of a kind).
    let indexes: UnsafeMutableBufferPointer<Int>
    let numbers: UnsafeMutableBufferPointer<Double>
    /// Categories as JSON strings, by string-table index.
    let strings: UnsafeMutableBufferPointer<Text>
    /// Value slots of all models; the most ops of any expression (an evaluation stack's size).
    let slotCount: Int, longestCode: Int

    init(_ scenario: Scenario) {
        var ops: [SynthExpression.Op] = [], text: [UInt8] = [], indexes: [Int] = [], numbers: [Double] = []
        var longest = 1
        func code(_ e: SynthExpression?) -> Code {
            guard let e else { return Code() }
            longest = max(longest, e.ops.count)
            defer { ops += e.ops }
            return Code(start: ops.count, count: e.ops.count)
        }
        func bytes(_ b: [UInt8]) -> Text {
            defer { text += b }
            return Text(start: text.count, count: b.count)
        }
        func list(_ items: [Int]) -> Range<Int> {
            defer { indexes += items }
            return indexes.count..<indexes.count + items.count
        }
        let all = scenario.incidents.indices
        func of(_ kinds: Set<Incident.Kind>, _ where_: (Incident) -> Bool) -> Range<Int> {
            list(all.filter { kinds.contains(scenario.incidents[$0].kind) && where_(scenario.incidents[$0]) })
        }
        var features: [FeatureRecord] = []
        var slots = 0
        let models = scenario.models.enumerated().map { m, model in
            var daily = -1
            if let factors = model.daily {
                daily = numbers.count
                numbers += factors
            }
            let first = features.count
            for (i, feature) in model.features.enumerated() {
                features.append(FeatureRecord(code: code(feature.value), digits: feature.digits, missing: feature.missing,
                                        key: bytes(LineBuffer.json(feature.name) + [0x3a]),
                                        drifts: of([.featureDrift]) { $0.model == m && $0.feature == i }))
            }
            defer { slots += model.slotCount }
            return ModelRecord(task: model.task, rate: model.rate, daily: daily, nodes: list(model.nodes),
                         features: first..<features.count,
                         signal: code(model.signal), score: code(model.score), prediction: code(model.prediction),
                         truth: code(model.truth), labelDelay: code(model.labelDelay), latency: code(model.latency),
                         labelLoss: model.labelLoss, errorRate: model.errorRate, digits: model.digits,
                         name: bytes(LineBuffer.json(model.name)), version: bytes(LineBuffer.json(model.version)),
                         idPrefix: bytes(Array(model.name.utf8) + [0x2d]), slots: slots,
                         rollouts: of([.rollout]) { $0.model == m }, conceptDrifts: of([.conceptDrift]) { $0.model == m },
                         timing: of([.lateEvents, .duplicates]) { $0.model == m })
        }
        let incidents = scenario.incidents.map { i in
            IncidentRecord(kind: i.kind, start: i.start, end: i.end, linear: i.linear, model: i.model ?? -1, node: i.node ?? -1,
                     category: i.category ?? -1, shift: i.shift, scale: i.scale, share: i.share, truth: code(i.truth),
                     value: code(i.value), version: i.version.map { bytes(LineBuffer.json($0)) } ?? Text(), worse: i.worse,
                     factor: i.factor, errorRate: i.errorRate, delay: i.delay, count: i.count)
        }
        let nodes = scenario.nodes.enumerated().map { n, name in
            NodeRecord(name: bytes(LineBuffer.json(name)), silences: of([.nodeSilence]) { $0.node == n },
                 spikes: of([.latencySpike]) { $0.node == n })
        }
        let strings = scenario.strings.strings.map { bytes(LineBuffer.json($0)) }
        longestCode = longest
        slotCount = slots
        self.ops = .frozen(ops)
        self.text = .frozen(text)
        self.models = .frozen(models)
        self.features = .frozen(features)
        self.incidents = .frozen(incidents)
        self.nodes = .frozen(nodes)
        self.indexes = .frozen(indexes)
        self.numbers = .frozen(numbers)
        self.strings = .frozen(strings)
    }

    deinit {
        ops.deallocate()
        text.deallocate()
        models.deallocate()
        features.deallocate()
        incidents.deallocate()
        nodes.deallocate()
        indexes.deallocate()
        numbers.deallocate()
        strings.deallocate()
    }

    /// Incident `i` of a list in ``indexes`` (a model's rollouts, a node's silences, ...).
    @inline(__always)
    func incident(listed i: Int) -> IncidentRecord {
        incidents[indexes[i]]
    }

    /// The bytes of `t`.
    @inline(__always)
    func bytes(_ t: Text) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[t.start..<t.start + t.count])
    }

    /// Runs expression `code` over the values from `slots`.
    @inline(__always)
    func run(_ code: Code, slots: UnsafePointer<SynthValue>, stack: UnsafeMutablePointer<SynthValue>,
             random: inout SynthRandom) -> SynthValue {
        SynthExpression.run(ops.baseAddress! + code.start, count: code.count, slots: slots, stack: stack, random: &random)
    }
}

extension UnsafeMutableBufferPointer {
    /// A buffer holding a copy of `elements` (at least one element's room, so the base address
    /// is never nil); the owner deallocates it.
    static func frozen(_ elements: [Element]) -> Self {
        let buffer = Self.allocate(capacity: Swift.max(elements.count, 1))
        _ = buffer.initialize(from: elements)
        return Self(rebasing: buffer[0..<elements.count])
    }
}
