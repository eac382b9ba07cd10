extension Reservoir {
    func write(to w: inout SummaryWriter) {
        w.int(limit ?? -1)
        w.count(seen)
        w.doubles(values)
    }

    /// A sample as written (its generator is not: a read sample is merged, never updated).
    init(reading r: inout SummaryReader) throws {
        let limit = try r.int()
        self.init(limit: limit < 0 ? nil : limit, seed: 0)
        seen = try r.number()
        values = try r.doubles()
        guard values.count <= seen else { throw SummaryFormatError.malformed("a sample larger than its stream") }
        // Sampled values come from events, which are finite; KS and sorting assume so.
        guard values.allSatisfy(\.isFinite) else { throw SummaryFormatError.malformed("a sampled value that is not finite") }
    }

    /// Adds another uniform sample of another stream: the result is a uniform sample of both
    /// streams together, of at most `limit` values (drawn without replacement, each from one
    /// side with the odds of that side's stream). With no limit, complete samples are joined.
    /// - Returns: false (nothing done) when both cannot be one sample: with no limit, a sample
    ///   that dropped values keeps its own weight (the caller keeps it apart).
    /// - Complexity: O(limit).
    @discardableResult
    mutating func absorb(_ other: Reservoir) -> Bool {
        guard other.seen > 0 else { return true }
        let complete = seen == values.count, otherComplete = other.seen == other.values.count
        guard let limit else {
            guard complete, otherComplete else { return false }
            values += other.values
            seen += other.seen
            return true
        }
        if complete, otherComplete, values.count + other.values.count <= limit {
            values += other.values
            seen += other.seen
            return true
        }
        var a = values, b = other.values
        var restA = seen, restB = other.seen
        var takenA = 0, takenB = 0
        let k = min(limit, seen + other.seen)
        var result: [Double] = []
        result.reserveCapacity(k)
        while result.count < k, takenA < a.count || takenB < b.count {
            let fromA: Bool
            if takenA >= a.count {
                fromA = false
            } else if takenB >= b.count {
                fromA = true
            } else {
                fromA = uniform(restA + restB) < restA
            }
            if fromA {
                a.swapAt(takenA, takenA + uniform(a.count - takenA))
                result.append(a[takenA])
                takenA += 1
                restA -= 1
            } else {
                b.swapAt(takenB, takenB + uniform(b.count - takenB))
                result.append(b[takenB])
                takenB += 1
                restB -= 1
            }
        }
        values = result
        seen += other.seen
        return true
    }

    /// A uniform integer in [0, n).
    private mutating func uniform(_ n: Int) -> Int {
        Int(random.next().multipliedFullWidth(by: UInt64(n)).high)
    }
}
