extension NodePane {
    func write(to w: inout SummaryWriter) {
        w.count(predictions)
        w.count(events)
        latency.write(to: &w)
        errorRate.write(to: &w)
        w.double(lastEventTime)
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        predictions = try r.number()
        events = try r.number()
        latency = try LatencyHistogram(reading: &r)
        errorRate = try Moments(reading: &r)
        lastEventTime = try r.double()
    }
}
