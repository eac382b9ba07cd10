import ModelTopText

/// The rows of an inference request or response, from the protocols serving platforms log:
/// KServe V1 (`instances` / `predictions`), the Open Inference Protocol v2 (`inputs` /
/// `outputs`: named tensors, row-major) and Seldon Core v1 (`data` with `ndarray` or `tensor`,
/// `names`; `jsonData`). Every function returns nil for a payload it does not understand.
public enum InferencePayload {
    /// One row's features, in order.
    public typealias Features = [(String, JSONValue)]

    /// One row's prediction, and its score when the model gave two class probabilities.
    public struct Prediction: Sendable, Equatable {
        public var value: JSONValue
        public var score: Double?

        public init(value: JSONValue, score: Double? = nil) {
            self.value = value
            self.score = score
        }
    }

    /// The features of each row of a request. Columns without a name (V1 instances given as
    /// arrays, Seldon `ndarray` without `names`, V2 inputs of several columns) take
    /// `featureNames` in order (the model's `features` in the `--config` file), else `f0`,
    /// `f1`... for V1 and Seldon, `NAME[0]`, `NAME[1]`... for a V2 input `NAME`.
    public static func requestRows(_ json: JSONValue, featureNames: [String] = []) -> [Features]? {
        if let instances = json["instances"]?.elements {
            return instances.map { instance in
                if let members = instance.members { return members }
                return columns(instance.elements ?? [instance], names: featureNames, prefix: "f")
            }
        }
        if let inputs = json["inputs"]?.elements, !inputs.isEmpty {
            return v2Rows(inputs, names: featureNames)
        }
        if let data = json["data"] {
            return seldonRows(data, names: featureNames)?.map { columns($0.values, names: $0.names ?? featureNames, prefix: "f") }
        }
        if let object = json["jsonData"]?.members { return [object] }
        return nil
    }

    /// The prediction of each row of a response.
    public static func responseRows(_ json: JSONValue) -> [Prediction]? {
        if let predictions = json["predictions"]?.elements {
            let rows = predictions.map(prediction(of:))
            return rows.contains(where: { $0 == nil }) ? nil : rows.map { $0! }
        }
        if let outputs = json["outputs"]?.elements, let first = outputs.first, let tensor = Tensor(first) {
            return tensor.rows.map { prediction(of: .array($0)) ?? Prediction(value: .null) }
        }
        if let data = json["data"], let rows = seldonRows(data, names: []) {
            return rows.map { prediction(of: .array($0.values)) ?? Prediction(value: .null) }
        }
        return nil
    }

    /// The ground truth of each row of a Seldon feedback (`truth`), as labels.
    public static func truthRows(_ json: JSONValue) -> [JSONValue]? {
        guard let truth = json["truth"] else { return nil }
        let data = truth["data"] ?? truth
        guard let rows = seldonRows(data, names: []) else { return nil }
        return rows.map { prediction(of: .array($0.values))?.value ?? .null }
    }

    /// A prediction from one row: a scalar as it is; one value as that value; two numbers as
    /// class probabilities (the index of the larger is the class, the second is the score);
    /// more numbers as class probabilities (the index of the largest); an object's
    /// `prediction`, `label` or `class`.
    static func prediction(of row: JSONValue) -> Prediction? {
        switch row {
        case .array(let values):
            if values.count == 1 { return prediction(of: values[0]) }
            let numbers = values.compactMap(\.doubleValue)
            guard !values.isEmpty, numbers.count == values.count else { return values.first.map { Prediction(value: $0) } }
            let best = numbers.indices.max { numbers[$0] < numbers[$1] }!
            return Prediction(value: .int(best), score: numbers.count == 2 ? numbers[1] : nil)
        case .object(let members):
            for key in ["prediction", "label", "class", "predicted"] {
                if let value = members.first(where: { $0.0 == key })?.1 { return prediction(of: value) }
            }
            return nil
        default:
            return Prediction(value: row)
        }
    }

    /// Values named by `names` in order, the rest `prefix0`, `prefix1`...
    static func columns(_ values: [JSONValue], names: [String], prefix: String) -> Features {
        values.enumerated().map { j, value in (j < names.count ? names[j] : "\(prefix)\(j)", value) }
    }

    /// A V2 tensor: its name, rows and columns (data flattened, row-major).
    struct Tensor {
        var name: String
        var rows: [[JSONValue]]

        init?(_ json: JSONValue) {
            guard let data = json["data"] else { return nil }
            name = json["name"]?.stringValue ?? "input"
            var flat: [JSONValue] = []
            Self.flatten(data, into: &flat)
            let shape = (json["shape"]?.elements ?? []).compactMap(\.doubleValue).map { Int(exactly: $0) ?? -1 }
            let count = shape.first.map { max($0, 0) } ?? flat.count
            guard count > 0 else {
                rows = []
                return
            }
            guard flat.count % count == 0 else { return nil }
            let width = flat.count / count
            rows = (0..<count).map { Array(flat[($0 * width)..<(($0 + 1) * width)]) }
            columnNames = shape.count <= 1 ? [name] : (0..<width).map { "\(name)[\($0)]" }
        }

        /// `NAME` for one column per row, `NAME[0]`... for several.
        var columnNames: [String] = []

        static func flatten(_ value: JSONValue, into out: inout [JSONValue]) {
            if let elements = value.elements {
                for element in elements { flatten(element, into: &out) }
            } else {
                out.append(value)
            }
        }
    }

    private static func v2Rows(_ inputs: [JSONValue], names configured: [String]) -> [Features]? {
        let tensors = inputs.compactMap(Tensor.init)
        guard tensors.count == inputs.count, let count = tensors.first?.rows.count,
            tensors.allSatisfy({ $0.rows.count == count })
        else { return nil }
        let names = tensors.flatMap(\.columnNames).enumerated().map { $0.offset < configured.count ? configured[$0.offset] : $0.element }
        return (0..<count).map { r in
            Array(zip(names, tensors.flatMap { $0.rows[r] }))
        }
    }

    /// The rows of a Seldon `data` object (`ndarray` rows, or a `tensor` with `shape` and
    /// `values`), with its `names` when given.
    private static func seldonRows(_ data: JSONValue, names: [String]) -> [(values: [JSONValue], names: [String]?)]? {
        let given = data["names"]?.elements?.compactMap(\.stringValue)
        if let ndarray = data["ndarray"]?.elements {
            return ndarray.map { ($0.elements ?? [$0], given) }
        }
        if let tensor = data["tensor"], let values = tensor["values"]?.elements {
            let shape = (tensor["shape"]?.elements ?? []).compactMap(\.doubleValue).map { Int(exactly: $0) ?? -1 }
            let count = shape.first.map { max($0, 0) } ?? 1
            guard count > 0, values.count % count == 0 else { return count == 0 ? [] : nil }
            let width = values.count / count
            return (0..<count).map { (Array(values[($0 * width)..<(($0 + 1) * width)]), given) }
        }
        return nil
    }
}
