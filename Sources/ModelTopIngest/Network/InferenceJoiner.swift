import ModelTopText

/// Pairs the two halves of logged inferences (KServe and Seldon send the request and the
/// response as separate CloudEvents, in either order) and turns each pair into event lines:
/// one prediction per row, with the request's features and the response's prediction.
///
/// A half waits at most `ttl` seconds (of arrival) and at most `capacity` halves wait; past
/// either, a waiting response becomes predictions without features and a waiting request is
/// counted as unanswered (KServe logs a response only when the model answered 200).
public struct InferenceJoiner: Sendable {
    /// What identifies one inference: (namespace, service, request id).
    public struct Key: Hashable, Sendable {
        public var namespace: String
        public var service: String
        public var id: String

        public init(namespace: String, service: String, id: String) {
            self.namespace = namespace
            self.service = service
            self.id = id
        }
    }

    /// The event fields an exchange gives every row: model, version, node, time, id.
    public struct Exchange: Sendable, Equatable {
        public var model: String
        public var version: String?
        public var node: String?
        /// RFC 3339 time of the event (`ce-time`), if given.
        public var time: String?
        public var id: String

        public init(model: String, version: String?, node: String?, time: String?, id: String) {
            self.model = model
            self.version = version
            self.node = node
            self.time = time
            self.id = id
        }
    }

    /// What the joiner did, since it started.
    public struct Statistics: Sendable, Equatable {
        /// Requests and responses paired.
        public var joined = 0
        /// Responses whose request never came: predictions without features.
        public var responsesAlone = 0
        /// Requests whose response never came (dropped).
        public var requestsAlone = 0
        /// Halves waiting now.
        public var waiting = 0

        public init() {}
    }

    private enum Half: Sendable {
        case request(Exchange, [InferencePayload.Features])
        case response(Exchange, [InferencePayload.Prediction])
    }

    public let ttl: Double
    public let capacity: Int
    public private(set) var statistics = Statistics()
    private var waiting: [Key: (half: Half, arrival: Double)] = [:]
    /// Arrival order, for expiry; entries whose half was already taken are skipped.
    private var order: [(key: Key, arrival: Double)] = []
    private var orderHead = 0

    public init(ttl: Double, capacity: Int) {
        self.ttl = ttl
        self.capacity = max(1, capacity)
    }

    /// A request's rows: the event lines of the pair when its response was waiting, else none
    /// (it waits).
    /// - Complexity: O(rows) amortized.
    public mutating func request(_ key: Key, _ exchange: Exchange, rows: [InferencePayload.Features], arrival: Double)
        -> [JSONValue]
    {
        if case .response(let answered, let predictions)? = waiting[key]?.half {
            waiting[key] = nil
            statistics.joined += 1
            statistics.waiting = waiting.count
            return Self.lines(exchange, features: rows, predictions: predictions, responseTime: answered.time)
        }
        return wait(key, .request(exchange, rows), arrival: arrival)
    }

    /// A response's predictions: the event lines of the pair when its request was waiting,
    /// else none (it waits).
    public mutating func response(_ key: Key, _ exchange: Exchange, predictions: [InferencePayload.Prediction],
                                  arrival: Double) -> [JSONValue] {
        if case .request(let asked, let rows)? = waiting[key]?.half {
            waiting[key] = nil
            statistics.joined += 1
            statistics.waiting = waiting.count
            return Self.lines(asked, features: rows, predictions: predictions, responseTime: exchange.time)
        }
        return wait(key, .response(exchange, predictions), arrival: arrival)
    }

    /// Ends the waits older than `ttl` at `now`: the lines of responses that waited alone.
    /// - Complexity: O(halves ended) amortized.
    public mutating func expire(now: Double) -> [JSONValue] {
        var lines: [JSONValue] = []
        while orderHead < order.count, now - order[orderHead].arrival >= ttl {
            lines += evictOldest()
        }
        compact()
        return lines
    }

    private mutating func wait(_ key: Key, _ half: Half, arrival: Double) -> [JSONValue] {
        var lines: [JSONValue] = []
        if let previous = waiting[key] {  // the same half again (a retry): the older one is dropped
            lines += end(previous.half)
        }
        while waiting.count >= capacity, orderHead < order.count { lines += evictOldest() }
        waiting[key] = (half, arrival)
        order.append((key, arrival))
        statistics.waiting = waiting.count
        return lines
    }

    private mutating func evictOldest() -> [JSONValue] {
        let (key, arrival) = order[orderHead]
        orderHead += 1
        guard let entry = waiting[key], entry.arrival == arrival else { return [] }  // already paired
        waiting[key] = nil
        statistics.waiting = waiting.count
        return end(entry.half)
    }

    /// A half that will not be paired: a response gives predictions without features.
    private mutating func end(_ half: Half) -> [JSONValue] {
        switch half {
        case .request:
            statistics.requestsAlone += 1
            return []
        case .response(let exchange, let predictions):
            statistics.responsesAlone += 1
            return Self.lines(exchange, features: [], predictions: predictions, responseTime: exchange.time)
        }
    }

    private mutating func compact() {
        if orderHead > 1024 && orderHead * 2 > order.count {
            order.removeFirst(orderHead)
            orderHead = 0
        }
    }

    /// One prediction line per row: rows beyond the shorter side keep what they have (a row
    /// without a prediction is not an event, and is left out).
    static func lines(_ exchange: Exchange, features: [InferencePayload.Features], predictions: [InferencePayload.Prediction],
                      responseTime: String?) -> [JSONValue] {
        let count = predictions.count
        return (0..<count).map { row in
            var members: [(String, JSONValue)] = [("model", .string(exchange.model))]
            if let version = exchange.version { members.append(("version", .string(version))) }
            if let node = exchange.node { members.append(("node", .string(node))) }
            if let time = exchange.time ?? responseTime { members.append(("ts", .string(time))) }
            members.append(("id", .string(count == 1 ? exchange.id : "\(exchange.id)#\(row)")))
            members.append(("prediction", predictions[row].value))
            if let score = predictions[row].score { members.append(("score", .number(score))) }
            if row < features.count { members.append(("features", .object(features[row]))) }
            return .object(members)
        }
    }

    /// Label lines for a feedback's truth rows (Seldon), with the ids the predictions got.
    public static func labelLines(_ exchange: Exchange, truth: [JSONValue]) -> [JSONValue] {
        truth.enumerated().map { row, label in
            var members: [(String, JSONValue)] = [("model", .string(exchange.model))]
            if let node = exchange.node { members.append(("node", .string(node))) }
            if let time = exchange.time { members.append(("ts", .string(time))) }
            members.append(("id", .string(truth.count == 1 ? exchange.id : "\(exchange.id)#\(row)")))
            members.append(("label", label))
            return .object(members)
        }
    }
}
