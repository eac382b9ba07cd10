extension EstimatedOutcomes {
    func write(to w: inout SummaryWriter) {
        w.count(count)
        for x in [truePositives, falsePositives, falseNegatives, trueNegatives, rightVariance] { w.double(x) }
        w.doubles(positiveMass)
        w.doubles(negativeMass)
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        count = try r.number()
        truePositives = try r.double()
        falsePositives = try r.double()
        falseNegatives = try r.double()
        trueNegatives = try r.double()
        rightVariance = try r.double()
        positiveMass = try r.doubles()
        negativeMass = try r.doubles()
        guard positiveMass.count == negativeMass.count, positiveMass.isEmpty || positiveMass.count == Self.scoreBins else {
            throw SummaryFormatError.malformed("estimated outcomes with \(positiveMass.count) score bins")
        }
    }
}
