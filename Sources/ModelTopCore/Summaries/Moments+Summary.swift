extension Moments {
    func write(to w: inout SummaryWriter) {
        w.count(count)
        w.double(scaledMean)
        w.double(scaledM2)
        w.double(scale)
        w.double(minimum)
        w.double(maximum)
    }

    init(reading r: inout SummaryReader) throws {
        self.init()
        count = try r.number()
        scaledMean = try r.double()
        scaledM2 = try r.double()
        scale = try r.double()
        minimum = try r.double()
        maximum = try r.double()
    }
}
