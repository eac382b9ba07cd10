extension TaskEvidence {
    func write(to w: inout SummaryWriter) {
        w.count(binary)
        w.count(strings)
        w.count(otherNumbers)
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        binary = try r.number()
        strings = try r.number()
        otherNumbers = try r.number()
    }
}
