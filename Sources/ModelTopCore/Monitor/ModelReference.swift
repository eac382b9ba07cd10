/// A model's reference: what its features and predictions looked like when it was known good.
public struct ModelReference: Sendable {
    /// Where the reference came from.
    public enum Source: Sendable, Equatable {
        /// `--reference` files.
        case file
        /// The model's first predictions in the stream.
        case firstPredictions(Int)
        /// A window of the stream, chosen by re-baselining.
        case window
    }

    public let source: Source
    public let predictions: Int
    public let features: [Symbol: FeatureReference]
    /// The prediction-drift variable: `score` when the reference predictions carry scores,
    /// else `prediction`.
    public let prediction: FeatureReference?
    public let usesScore: Bool
    /// The values of the reference's predictions and labels (for deciding the task).
    public let evidence: TaskEvidence
    /// Feature values left out because the reference already had
    /// ``MonitorConfiguration/maxFeatures`` features.
    public let featuresOverCap: Int

    init(source: Source, predictions: Int, features: [Symbol: FeatureReference], prediction: FeatureReference?,
         usesScore: Bool, evidence: TaskEvidence, featuresOverCap: Int = 0) {
        self.source = source
        self.predictions = predictions
        self.features = features
        self.prediction = prediction
        self.usesScore = usesScore
        self.evidence = evidence
        self.featuresOverCap = featuresOverCap
    }
}

/// Collects a model's reference predictions, keeping every value of its first `maxFeatures`
/// features (values of others are counted), until it is frozen into a ``ModelReference``.
struct ReferenceBuilder: Sendable {
    let maxFeatures: Int
    private(set) var predictions = 0
    private(set) var featuresOverCap = 0
    /// Feature windows by slot; `slots[symbol.rawValue]` is a feature's slot or -1.
    private var windows: [FeatureWindow] = []
    private var names: [Symbol] = []
    private var slots: [Int32] = []
    private var predictionValues = FeatureWindow(configuration: ReferenceBuilder.exact)
    private var scores = FeatureWindow(configuration: ReferenceBuilder.exact)
    private var scored = 0
    private(set) var evidence = TaskEvidence()

    static let exact = FeatureWindow.Configuration(kind: nil, edges: nil, sampleLimit: nil, maxCategories: .max, seed: 0)

    init(maxFeatures: Int) {
        self.maxFeatures = maxFeatures
    }

    /// Adds one prediction and its features.
    mutating func add(_ event: Event, features values: UnsafeBufferPointer<EventBatch.Feature>) {
        predictions += 1
        for feature in values {
            let raw = Int(feature.name.rawValue)
            if raw >= slots.count { slots += Array(repeating: -1, count: raw - slots.count + 1) }
            if slots[raw] < 0 {
                guard windows.count < maxFeatures else {
                    featuresOverCap += 1
                    continue
                }
                slots[raw] = Int32(windows.count)
                windows.append(FeatureWindow(configuration: Self.exact))
                names.append(feature.name)
            }
            windows[Int(slots[raw])].update(feature.value)
        }
        if let prediction = event.prediction {
            predictionValues.update(prediction)
            evidence.add(prediction)
        }
        if let label = event.label { evidence.add(label) }
        if let score = event.score {
            scores.update(.number(score))
            scored += 1
        }
    }

    /// Adds the value of a label that joined a reference prediction.
    mutating func addLabel(_ label: Value) {
        evidence.add(label)
    }

    /// The frozen reference, categories capped at `maxCategories`.
    func build(source: ModelReference.Source, maxCategories: Int) -> ModelReference {
        let usesScore = scored > 0
        return ModelReference(
            source: source, predictions: predictions,
            features: Dictionary(uniqueKeysWithValues: zip(names, windows.parallelMap { [predictions] in
                FeatureReference(window: $0, predictions: predictions, maxCategories: maxCategories)
            })),
            prediction: FeatureReference(window: usesScore ? scores : predictionValues, predictions: predictions,
                                         maxCategories: maxCategories),
            usesScore: usesScore, evidence: evidence, featuresOverCap: featuresOverCap)
    }
}
