extension LatencyHistogram {
    func write(to w: inout SummaryWriter) {
        w.count(count)
        w.double(sum)
        w.double(maximum)
        let entries = buckets.entries
        w.count(entries.count)
        for (bucket, n) in entries {
            w.varint(bucket)
            w.count(n)
        }
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        count = try r.number()
        sum = try r.double()
        maximum = try r.double()
        for _ in 0..<(try r.count(minimumSize: 2)) {
            let bucket = try r.varint(), n = try r.number()
            buckets.modify(bucket, default: { 0 }) { $0 += n }
        }
    }
}
