extension LatencyHistogram {
    func write(to w: inout SummaryWriter) {
        w.count(count)
        w.double(sum)
        w.double(maximum)
        w.count(buckets.count)
        buckets.forEach { bucket, n in
            w.varint(UInt64(bucket))
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
            guard bucket < UInt64(BucketCounts.limit) else { throw SummaryFormatError.malformed("latency bucket \(bucket) out of range") }
            buckets.add(Int(bucket), n)
        }
    }
}
