extension CategoryCounts {
    func write(to w: inout SummaryWriter) {
        let pairs = self.pairs
        w.count(pairs.count)
        for (value, n) in pairs {
            w.value(value)
            w.count(n)
        }
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        for _ in 0..<(try r.count(minimumSize: 2)) {
            let value = try r.value(), n = try r.number()
            add(value, n)
        }
    }
}
