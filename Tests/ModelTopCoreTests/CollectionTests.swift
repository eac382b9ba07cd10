import Testing
@testable import ModelTopCore

@Suite struct CollectionTests {
    /// Random inserts, updates and removals agree with `Dictionary`, through growth and
    /// backward-shift deletion in crowded clusters.
    @Test(arguments: [1, 2, 3])
    func hashSlotsAgreeWithDictionary(seed: UInt64) {
        var random = TestRandom(state: seed)
        var slots = HashSlots<Int>()
        var reference: [UInt64: Int] = [:]
        for step in 0..<20_000 {
            let key = random.next() % 3000 * (seed == 3 ? 1024 : 1)  // seed 3: keys that collide on low bits
            switch random.next() % 4 {
            case 0, 1:
                #expect(slots.updateValue(step, forKey: key) == reference.updateValue(step, forKey: key))
            case 2:
                #expect(slots.removeValue(forKey: key) == reference.removeValue(forKey: key))
            default:
                slots.modify(key, default: { 0 }) { $0 += 1 }
                reference[key, default: 0] += 1
            }
            #expect(slots.count == reference.count)
        }
        for (key, value) in reference { #expect(slots[key] == value) }
        #expect(Dictionary(uniqueKeysWithValues: slots.entries.map { ($0.key, $0.value) }) == reference)
        var visited: [(key: UInt64, value: Int)] = []
        slots.forEach { visited.append(($0, $1)) }
        #expect(visited.elementsEqual(slots.entries) { $0 == $1 })
    }

    /// Counts equal a dictionary's through growth, colliding buckets, the extreme bucket
    /// numbers, and counts past the 43 bits a slot holds (carried, still exact).
    @Test(arguments: [1, 2])
    func bucketCountsAgreeWithDictionary(seed: UInt64) {
        var random = TestRandom(state: seed)
        var counts = BucketCounts()
        var reference: [Int: Int] = [:]
        let big = 1 << 43
        for step in 0..<20_000 {
            let bucket = step % 997 == 0 ? [0, BucketCounts.limit - 1][step % 2] : Int(random.next() % 3000) * (seed == 2 ? 512 : 1)
            let n = step % 1_000 == 1 ? big - 1 + Int(random.next() % 3) : Int(random.next() % 3)
            counts.add(bucket, n)
            reference[bucket, default: 0] += n
            #expect(counts.count == reference.count)
        }
        #expect(reference.values.contains { $0 > big })
        // Compared as one Bool each: printing thousands of counts on failure helps no one.
        let sortedAgrees = counts.sorted.elementsEqual(reference.sorted { $0.key < $1.key }) { $0.bucket == $1.key && $0.count == $1.value }
        #expect(sortedAgrees)
        var visited: [Int: Int] = [:]
        counts.forEach { visited[$0] = $1 }
        let visitedAgrees = visited == reference
        #expect(visitedAgrees)
    }

    /// `forEach` visits what `pairs` lists, in its order, in both layouts (a scan up to 16
    /// categories, hashing past them).
    @Test(arguments: [5, 40])
    func categoryCountsForEachFollowsPairs(categories: Int) {
        var counts = CategoryCounts()
        for i in 0..<200 { counts.add(.number(Double(i % categories)), i % 3 + 1) }
        var visited: [(value: Value, count: Int)] = []
        counts.forEach { visited.append(($0, $1)) }
        #expect(visited.count == categories)
        #expect(visited.elementsEqual(counts.pairs) { $0 == $1 })
    }

    /// Panes read in place are the panes `pane(_:)` copies: only those the ring still keeps,
    /// oldest first, after it wrapped around.
    @Test func paneHistoryReadsKeptPanesInPlace() {
        var history = PaneHistory<[Int]>(capacity: 3)
        for index in [10, 11, 13, 14, 15] {
            history.withPane(index, create: { [] }) { $0.append(index) }
        }
        history.withPane(14, create: { [] }) { $0.append(-14) }
        #expect(history.reading(12) { $0 } == nil)  // never made
        #expect(history.reading(11) { $0 } == nil)  // fell out
        #expect(history.reading(14) { Array($0) } == [14, -14])
        var seen: [(Int, [Int])] = []
        history.forEachPane(in: 0...100) { index, pane in seen.append((index, Array(pane))) }
        #expect(seen.map(\.0) == [13, 14, 15])
        #expect(seen.map(\.1) == [[13], [14, -14], [15]])
        #expect(seen.map(\.1) == [13, 14, 15].map { history.pane($0)! })
        var part: [Int] = []
        history.forEachPane(in: 14...14) { index, _ in part.append(index) }
        #expect(part == [14])
    }

    @Test func categoryCountsSwitchToHashingPastSixteen() {
        var counts = CategoryCounts()
        var reference: [Value: Int] = [:]
        for i in 0..<1000 {
            let value: Value = i % 3 == 0 ? .number(Double(i % 40)) : i % 3 == 1 ? .string(Symbol(rawValue: UInt32(i % 25))) : .bool(i % 2 == 0)
            counts.add(value, i % 5)
            reference[value, default: 0] += i % 5
        }
        #expect(counts.dictionary == reference)
        #expect(counts.total == reference.values.reduce(0, +))
        #expect(counts[.number(3)] == reference[.number(3)])
        #expect(counts.contains(.bool(true)))
        #expect(!counts.contains(.string(Symbol(rawValue: 999))))
        #expect(counts[.number(-0.0)] == counts[.number(0)])  // -0 is 0
    }

    @Test func smallMapKeepsInsertionOrder() {
        var map = SmallMap<String, Int>()
        map["b", default: 0] += 2
        map["a", default: 10] += 1
        map["b", default: 0] += 3
        #expect(map.pairs.map(\.key) == ["b", "a"])
        #expect(map["b"] == 5)
        #expect(map["a"] == 11)
        #expect(map["c"] == nil)
        #expect(map.count == 2)
    }
}

@Suite struct SymbolTableTests {
    @Test func internsOnceAndStopsAtItsLimit() {
        let table = SymbolTable(limit: 3)
        let a = table.intern("a"), b = table.intern("b")
        #expect(table.intern("a") == a)
        #expect(a != b)
        _ = table.intern("c")
        #expect(table.intern("d") == .overflow)
        #expect(table.intern("e") == .overflow)
        #expect(table.intern("b") == b)  // known strings still resolve
        #expect(table.count == 3)
        #expect(table.name(.overflow) == "(too many distinct values)")
        var cache = SymbolCache(table: table)
        "zz".utf8.withContiguousStorageIfAvailable { _ = cache.symbol(UnsafeRawBufferPointer($0)) }
        #expect(table.count == 3)
    }
}

@Suite struct ShortStringTests {
    /// `bytes` followed by 16 bytes of `filler`, as a padded buffer.
    static func withPadded<R>(_ bytes: [UInt8], filler: UInt8, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let padded = bytes + [UInt8](repeating: filler, count: ShortString.capacity)
        return padded.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<bytes.count])) }
    }

    static func short(_ bytes: [UInt8], filler: UInt8) -> ShortString {
        withPadded(bytes, filler: filler) { ShortString(padded: $0.baseAddress!, count: $0.count) }
    }

    /// Equal exactly when the strings are, whatever follows them, for every length up to 16.
    @Test func equalityIgnoresThePaddingAndSeesEveryByte() {
        for count in 0...ShortString.capacity {
            let text = (0..<count).map { UInt8(97 + $0) }
            #expect(Self.short(text, filler: 0) == Self.short(text, filler: 0xff))
            #expect(Self.short(text, filler: 0) != Self.short(text + [0], filler: 0))  // length counts
            for i in 0..<count {
                var other = text
                other[i] ^= 0x20
                #expect(Self.short(text, filler: 0) != Self.short(other, filler: 0), "length \(count), byte \(i)")
            }
        }
    }

    /// The padded path interns exactly like the plain one: short strings, strings sharing their
    /// first 16 bytes, and enough strings to collide in the direct-mapped front.
    @Test func paddedSymbolsMatchPlainSymbols() {
        let table = SymbolTable()
        var cache = SymbolCache(table: table)
        var names = (0..<2000).map { "v\($0)" }
        names += ["0123456789abcdef", "0123456789abcdefX", "0123456789abcdefY", "", "\0", "a\0"]
        for round in 0..<3 {
            for name in names.shuffled() {
                let padded = Self.withPadded(Array(name.utf8), filler: UInt8(round)) { cache.symbol(padded: $0) }
                #expect(table.name(padded) == name)
                #expect(padded == table.intern(name))
            }
        }
    }
}
