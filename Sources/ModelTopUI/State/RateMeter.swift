/// Events per second over the last few seconds of the UI clock.
public struct RateMeter: Sendable {
    private var samples: [(time: Double, total: Int)] = []
    public private(set) var total = 0
    /// Seconds the rate is averaged over.
    public let span: Double

    public init(span: Double = 3) {
        self.span = span
    }

    public mutating func add(_ count: Int, at time: Double) {
        total += count
        samples.append((time, total))
        while let first = samples.first, time - first.time > span, samples.count > 2 { samples.removeFirst() }
    }

    /// The rate at `time`; 0 with nothing recent.
    public func rate(at time: Double) -> Double {
        guard let first = samples.first, let last = samples.last, time - last.time < span else { return 0 }
        let seconds = max(time - first.time, 1)
        return Double(last.total - first.total) / seconds
    }
}
