extension Outcomes {
    func write(to w: inout SummaryWriter) {
        for n in [joined, correct, truePositives, falsePositives, falseNegatives, trueNegatives, binaryPairs, classOverflow] {
            w.count(n)
        }
        absoluteErrors.write(to: &w)
        errors.write(to: &w)
        let tallies = classes.entries
        w.count(tallies.count)
        for (_, t) in tallies {
            w.value(t.value)
            w.count(t.truePositives)
            w.count(t.predicted)
            w.count(t.actual)
        }
        for side in [positiveScores, negativeScores] {
            w.count(side.count)
            for r in side { r.write(to: &w) }
        }
    }

    init(reading r: inout SummaryReader, classLimit: Int) throws {
        self.init(sampleLimit: nil, seed: 0, classLimit: classLimit)
        joined = try r.number()
        correct = try r.number()
        truePositives = try r.number()
        falsePositives = try r.number()
        falseNegatives = try r.number()
        trueNegatives = try r.number()
        binaryPairs = try r.number()
        classOverflow = try r.number()
        absoluteErrors = try Moments(reading: &r)
        errors = try Moments(reading: &r)
        for _ in 0..<(try r.count(minimumSize: 4)) {
            var tally = ClassTally(value: try r.value())
            tally.truePositives = try r.number()
            tally.predicted = try r.number()
            tally.actual = try r.number()
            classes.updateValue(tally, forKey: Self.classKey(tally.value))
        }
        positiveScores = try (0..<(try r.count(minimumSize: 3))).map { _ in try Reservoir(reading: &r) }
        negativeScores = try (0..<(try r.count(minimumSize: 3))).map { _ in try Reservoir(reading: &r) }
    }

    /// Adds outcomes read from a summary: like ``merge(_:)``, but the score samples are folded
    /// into this pane's own (one sample each, whatever the number of summaries).
    mutating func absorb(_ other: Outcomes) {
        var copy = other
        let positives = copy.positiveScores, negatives = copy.negativeScores
        copy.positiveScores = []
        copy.negativeScores = []
        merge(copy)
        for s in positives where !positiveScores[0].absorb(s) { positiveScores.append(s) }
        for s in negatives where !negativeScores[0].absorb(s) { negativeScores.append(s) }
    }
}
