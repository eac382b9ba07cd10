import Testing
@testable import ModelTopCore

/// A small deterministic generator for property tests.
struct TestRandom {
    var generator: SplitMix64

    init(state: UInt64) {
        generator = SplitMix64(seed: state)
    }

    mutating func next() -> UInt64 { generator.next() }

    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func sample(_ n: Int, shift: Double = 0, integers: Bool = false) -> [Double] {
        (0..<n).map { _ in
            let x = uniform() * 10 + shift
            return integers ? x.rounded(.down) : x
        }
    }
}

@Suite struct PropertyTests {
    @Test(arguments: 1...40)
    func psiIsNonNegativeAndZeroOnIdenticalSamples(seed: UInt64) throws {
        var random = TestRandom(state: seed)
        let n = 1 + Int(random.next() % 500)
        let reference = random.sample(n, integers: seed % 3 == 0).sorted()
        let current = random.sample(1 + Int(random.next() % 500), shift: random.uniform() * 3, integers: seed % 3 == 0)
        let edges = PopulationStability.edges(sortedReference: reference)
        func bins(_ values: [Double]) -> [Int] {
            var b = [Int](repeating: 0, count: edges.count + 1)
            for v in values { b[BinEdges(edges).bin(of: v)] += 1 }
            return b
        }
        let psi = try #require(PopulationStability.index(reference: bins(reference), current: bins(current)))
        #expect(psi >= 0)
        #expect(PopulationStability.index(reference: bins(reference), current: bins(reference)) == 0)
        #expect(PopulationStability.index(reference: bins(reference), current: bins(reference.shuffled())) == 0)
    }

    /// A value's bin is the number of edges strictly below it, for 0 to 20 edges (compared
    /// all at once up to 16, bisected beyond): values on the edges, between them, outside them,
    /// the largest doubles, infinities and NaN.
    @Test(arguments: 0...20)
    func binIsTheNumberOfEdgesBelow(count: Int) {
        var random = TestRandom(state: UInt64(count) + 100)
        let edges = Array(Set(random.sample(count, integers: true) + random.sample(count))).sorted().prefix(count)
        let binEdges = BinEdges(Array(edges))
        var values = Array(edges) + random.sample(200, shift: -1) + random.sample(50, integers: true)
        values += [-.infinity, .infinity, -.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0, -0.0, .nan]
        values += edges.flatMap { [$0.nextDown, $0.nextUp] }
        for v in values {
            #expect(binEdges.bin(of: v) == edges.filter { $0 < v }.count, "\(v) with \(count) edges")
        }
        #expect(binEdges.binCount == edges.count + 1)
    }

    /// Moments of values up to the largest doubles are finite and equal those of the same
    /// values scaled down by 2^100, scaled back (within 1e-14 relative); a merge of two halves
    /// too.
    @Test func momentsOfTheLargestDoublesStayFinite() {
        var random = TestRandom(state: 11)
        let values = (0..<1000).map { i in
            i == 0 ? Double.greatestFiniteMagnitude : i == 1 ? -1e308 : (random.uniform() - 0.3) * 1.7e308
        }
        var big = Moments(), small = Moments(), first = Moments(), second = Moments()
        let down = Double(sign: .plus, exponent: -100, significand: 1), up = 1 / down
        for (i, v) in values.enumerated() {
            big.update(v)
            small.update(v * down)
            if i < 500 { first.update(v) } else { second.update(v) }
        }
        first.merge(second)
        for m in [big, first] {
            #expect(m.mean.isFinite && m.minimum == -1e308 && m.maximum == .greatestFiniteMagnitude)
            #expect(close(m.mean, small.mean * up, relative: 1e-14), "mean \(m.mean) vs \(small.mean * up)")
            #expect(close(m.standardDeviation ?? .nan, (small.standardDeviation ?? .nan) * up, relative: 1e-14))
            #expect(close(m.rootMeanSquare ?? .nan, (small.rootMeanSquare ?? .nan) * up, relative: 1e-14))
        }
    }

    /// The branch-free binary searches count what a scan counts, for arrays of 0 to 40 values
    /// with ties, at every value, between them and beyond both ends.
    @Test func sortedSearchesCountLikeAScan() {
        var random = TestRandom(state: 77)
        for n in 0...40 {
            let values = (0..<n).map { _ in (random.uniform() * 8).rounded() }.sorted()
            for x in values + values.map({ $0 + 0.5 }) + [-1, 9, -.infinity, .infinity] {
                #expect(values.countBelow(x) == values.filter { $0 < x }.count, "\(x) in \(values)")
                #expect(values.countAtOrBelow(x) == values.filter { $0 <= x }.count, "\(x) in \(values)")
            }
        }
    }

    /// The KS statistic from binary searches (a small sample against a large one) equals the
    /// merge's, to the bit: D, where it is reached and its sign, with ties within and across the
    /// samples, values of the small one outside the large one's range, with and without weights.
    @Test(arguments: 1...60)
    func sparseKSEqualsTheMerge(seed: UInt64) {
        var random = TestRandom(state: seed + 500)
        let grid = [1.0, 0.25, 0.01][Int(seed % 3)]
        let a = (0..<(200 + Int(random.next() % 3000))).map { _ in ((random.uniform() * 10) / grid).rounded() * grid }.sorted()
        let shift = (random.uniform() - 0.5) * 12
        let b = (0..<(1 + Int(random.next() % 40))).map { _ in ((random.uniform() * 10 + shift) / grid).rounded() * grid }.sorted()
        let weights: [Double]? = seed % 2 == 0 ? nil : b.map { _ in 1 + (random.uniform() * 8).rounded() }
        let sparse = KolmogorovSmirnov.sparseDistance(a, b, weightsB: weights)
        let merged = KolmogorovSmirnov.mergedDistance(a, b, weightsB: weights)
        #expect(sparse.statistic == merged.statistic && sparse.location == merged.location && sparse.sign == merged.sign,
                "seed \(seed): \(sparse) vs \(merged)")
    }

    /// A NaN in a sample ends the KS merge instead of looping forever (samples never hold
    /// one; this is the guard).
    @Test func ksEndsOnNaN() {
        #expect(KolmogorovSmirnov(sortedA: [1, 2, 3], sortedB: [1, 2, .nan]) != nil)
        #expect(KolmogorovSmirnov(sortedA: [1, .nan], sortedB: [0.5, 2, 3]) != nil)
    }

    @Test(arguments: 1...40)
    func ksIsSymmetric(seed: UInt64) throws {
        var random = TestRandom(state: seed)
        let a = random.sample(1 + Int(random.next() % 300), integers: seed % 2 == 0).sorted()
        let b = random.sample(1 + Int(random.next() % 300), shift: random.uniform(), integers: seed % 2 == 0).sorted()
        let ab = try #require(KolmogorovSmirnov(sortedA: a, sortedB: b))
        let ba = try #require(KolmogorovSmirnov(sortedA: b, sortedB: a))
        #expect(ab.statistic == ba.statistic)
        #expect(ab.pvalue == ba.pvalue)
        #expect(ab.sign == -ba.sign || ab.statistic == 0)
        #expect((0...1).contains(ab.pvalue))
        let same = try #require(KolmogorovSmirnov(sortedA: a, sortedB: a))
        #expect(same.statistic == 0)
        #expect(same.pvalue == 1)
    }

    @Test(arguments: [nil, 64] as [Int?])
    func mergedWindowsEqualOnePass(limit: Int?) {
        var random = TestRandom(state: 9)
        let values: [Value] = (0..<600).map { i in
            switch i % 7 {
            case 0: .string(Symbol(rawValue: UInt32(random.next() % 5)))
            case 1: .null
            default: .number(random.uniform() * 100)
            }
        }
        let reference = random.sample(200).sorted()
        for kind in [nil, FeatureKind.numeric, .categorical] {
            let configuration = FeatureWindow.Configuration(
                kind: kind, edges: kind == .numeric ? PopulationStability.edges(sortedReference: reference) : nil,
                sampleLimit: limit, maxCategories: 1000, seed: 1)
            var onePass = FeatureWindow(configuration: configuration)
            var panes = [FeatureWindow](repeating: FeatureWindow(configuration: configuration), count: 3)
            for (i, v) in values.enumerated() {
                onePass.update(v)
                panes[i * 3 / values.count].update(v)
            }
            var merged = panes[0]
            merged.merge(panes[1])
            merged.merge(panes[2])
            #expect(merged.numbers == onePass.numbers)
            #expect(merged.mismatched == onePass.mismatched)
            #expect(merged.bins == onePass.bins)
            // Strings and bools are counted exactly, sampled or not; numbers stored apart (no
            // kind yet) come back from the samples, so with a limit only their counts agree.
            #expect(merged.categories == onePass.categories)
            if limit == nil || kind != nil {
                #expect(merged.categoryCounts() == onePass.categoryCounts())
            }
            #expect(merged.moments.count == onePass.moments.count)
            #expect(abs(merged.moments.mean - onePass.moments.mean) < 1e-9)
            #expect(abs((merged.moments.standardDeviation ?? 0) - (onePass.moments.standardDeviation ?? 0)) < 1e-9)
            if limit == nil {
                #expect(merged.sortedSample().values == onePass.sortedSample().values)
            } else {
                // Each pane keeps at most `limit` values, each standing for its pane's share.
                let sample = merged.sortedSample()
                #expect(sample.values.count <= 3 * limit!)
                #expect(abs((sample.weights?.reduce(0, +) ?? Double(sample.values.count)) - Double(onePass.numbers)) < 1e-9)
            }
        }
    }
}

@Suite struct RadixSortTests {
    @Test(arguments: [0, 1, 100, 2048, 5000, 100_000])
    func sortsLikeSort(count: Int) {
        var random = TestRandom(state: UInt64(count) + 1)
        var values = (0..<count).map { i -> Double in
            switch i % 6 {
            case 0: -random.uniform() * 1e6
            case 1: random.uniform() * 1e-300
            case 2: Double(Int(random.next() % 10))
            case 3: i % 12 == 3 ? -0.0 : 0.0
            case 4: random.uniform() > 0.5 ? .infinity : -.infinity
            default: random.uniform() * 1e300
            }
        }
        values.shuffle()
        let radix = RadixSort.sorted(values), reference = values.sorted()
        #expect(radix.count == reference.count)
        #expect(zip(radix, reference).allSatisfy { $0 == $1 })
        #expect(zip(radix, radix.dropFirst()).allSatisfy { $0 <= $1 })
    }
}

@Suite struct KolmogorovBandTests {
    /// scipy's `_compute_outer_prob_inside_method` recurrence, one column at a time, with each
    /// cell `cell(left, below, i, j)`.
    static func recurrence(_ first: Int, _ second: Int, g: Int, h: Int,
                           cell: (_ left: Double, _ below: Double, _ i: Double, _ j: Double) -> Double) -> Double {
        let m = max(first, second), n = min(first, second)
        let mg = Double(m / g), ng = Double(n / g), hd = Double(h)
        var minj = 0, maxj = min(Int((hd / mg).rounded(.up)), n + 1)
        var currentLength = maxj - minj
        var column = [Double](repeating: 1, count: min(2 * maxj + 2, n + 1))
        for j in minj..<maxj { column[j] = 0 }
        for i in 1...m {
            let lastMinj = minj, lastLength = currentLength, di = Double(i)
            minj = min(max(Int(((ng * di - hd) / mg).rounded(.down)) + 1, 0), n)
            maxj = min(Int(((ng * di + hd) / mg).rounded(.up)), n + 1)
            if maxj <= minj { return 1.0 }
            var value = minj == 0 ? 0.0 : 1.0
            for jj in 0..<(maxj - minj) {
                value = cell(column[jj + minj - lastMinj], value, di, Double(jj + minj))
                column[jj] = value
            }
            currentLength = maxj - minj
            if lastLength > currentLength {
                for k in (maxj - minj)..<(maxj - minj + lastLength - currentLength) { column[k] = 1 }
            }
        }
        return column[maxj - minj - 1]
    }

    /// The recurrence as written in scipy (a division per cell): the reference for the faster form.
    static func direct(_ first: Int, _ second: Int, g: Int, h: Int) -> Double {
        recurrence(first, second, g: g, h: h) { left, below, i, j in (left * i + below * j) / (i + j) }
    }

    /// The same with the reciprocal of i + j, one column at a time: what the paired columns must
    /// equal to the bit.
    static func oneColumnAtATime(_ first: Int, _ second: Int, g: Int, h: Int) -> Double {
        recurrence(first, second, g: g, h: h) { left, below, i, j in
            let r = 1 / (i + j)
            return left * (i * r) + below * (j * r)
        }
    }

    /// Four columns at a time (the last one to three together) give the same bits as one at a
    /// time: column counts of every remainder by four, bands that grow, shrink and close (p = 1),
    /// sizes from 1 to 3,000.
    @Test func pairedColumnsEqualOneColumnAtATime() {
        var random = TestRandom(state: 5)
        var cases: [(Int, Int)] = [(1, 2), (2, 1), (2, 3), (3, 7), (1, 100), (100, 37), (999, 1000), (10, 9_999)]
        for _ in 0..<20 { cases.append((1 + Int(random.next() % 3000), 1 + Int(random.next() % 3000))) }
        for _ in 0..<60 { cases.append((1 + Int(random.next() % 30), 1 + Int(random.next() % 300))) }
        var compared = 0
        for (a, b) in cases where a != b {
            let g = gcd(a, b), lcm = a / g * b
            for share in [0.0001, 0.005, 0.02, 0.1, 0.3, 0.5, 0.99, 1.0] {
                let h = max(1, Int(share * Double(lcm)))
                let paired = KolmogorovSmirnov.probabilityOutsideBand(a, b, g: g, h: h)
                let reference = Self.oneColumnAtATime(a, b, g: g, h: h)
                #expect(paired.bitPattern == reference.bitPattern, "\(a) x \(b), h \(h): \(paired) vs \(reference)")
                compared += 1
            }
        }
        #expect(compared > 600)
    }

    /// The exact two-sample p-value equals the direct recurrence within 1e-12 relative (the
    /// contract with scipy is 1e-9), over sizes from 1 to 10,000 and D from tiny to certain.
    @Test func bandProbabilityEqualsTheDirectRecurrence() {
        var random = TestRandom(state: 21)
        var cases: [(Int, Int)] = [(1, 2), (3, 7), (5, 9), (100, 37), (999, 1000), (2000, 10_000), (10_000, 9_999)]
        for _ in 0..<40 { cases.append((1 + Int(random.next() % 3000), 1 + Int(random.next() % 3000))) }
        for (a, b) in cases where a != b {
            let g = gcd(a, b), lcm = a / g * b
            for share in [0.005, 0.02, 0.05, 0.1, 0.3, 0.8] {
                let h = max(1, Int(share * Double(lcm)))
                let fast = KolmogorovSmirnov.probabilityOutsideBand(a, b, g: g, h: h)
                let reference = Self.direct(a, b, g: g, h: h)
                #expect(abs(fast - reference) <= 1e-12 * max(abs(reference), 1e-300), "\(a) x \(b), h \(h): \(fast) vs \(reference)")
            }
        }
    }
}
