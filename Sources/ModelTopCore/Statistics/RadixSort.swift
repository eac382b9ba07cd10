/// Sorting of doubles in linear time: a least-significant-digit radix sort on the IEEE bit
/// patterns mapped to unsigned keys that order like the numbers (-0 before +0; NaNs last).
/// Several times faster than `sort()` for the large samples KS needs.
public enum RadixSort {
    /// Below this size `sort()` is as fast.
    static let threshold = 2048
    /// Bits per digit: six digits of 11 bits (the last has the 9 left), on 200k values about a
    /// quarter faster than eight of 8 bits; the counts, 6 x 2048, stay in L2.
    static let digitBits = 11
    static let digits = 6

    /// `values` in ascending order.
    /// - Complexity: O(n) time and O(n) extra space.
    public static func sorted(_ values: [Double]) -> [Double] {
        var values = values
        sort(&values)
        return values
    }

    /// Sorts `values` in place, ascending.
    ///
    /// One pass maps the values to keys and counts every digit; each digit whose keys are not
    /// all alike then takes one stable scatter pass; a last pass maps the keys back.
    /// - Complexity: O(n) time (at most 8 passes over the data) and O(n) extra space.
    public static func sort(_ values: inout [Double]) {
        let n = values.count
        guard n >= threshold else {
            values.sort()
            return
        }
        let radix = 1 << digitBits
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var counts = [Int](repeating: 0, count: digits * radix)
        values.withUnsafeMutableBufferPointer { values in
            values.withMemoryRebound(to: UInt64.self) { keys in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    counts.withUnsafeMutableBufferPointer { counts in
                        countDigits(keys, into: counts)
                        var source = keys, target = scratch
                        for digit in 0..<digits {
                            let offsets = UnsafeMutableBufferPointer(rebasing: counts[(digit * radix)..<((digit + 1) * radix)])
                            if offsets.contains(n) { continue }  // every key has the same digit
                            scatter(source, into: target, digit: digit, offsets: offsets)
                            swap(&source, &target)
                        }
                        if source.baseAddress != keys.baseAddress {
                            keys.baseAddress!.update(from: source.baseAddress!, count: n)
                        }
                        for i in 0..<n { keys[i] = value(keys[i]).bitPattern }
                    }
                }
            }
        }
    }

    /// Replaces each value's bits by its key and counts each digit's occurrences.
    @inline(__always)
    private static func countDigits(_ keys: UnsafeMutableBufferPointer<UInt64>, into counts: UnsafeMutableBufferPointer<Int>) {
        let radix = 1 << digitBits, mask = UInt64(radix - 1)
        for i in 0..<keys.count {
            let k = key(Double(bitPattern: keys[i]))
            keys[i] = k
            var rest = k
            for digit in 0..<digits {
                counts[digit * radix + Int(rest & mask)] += 1
                rest >>= UInt64(digitBits)
            }
        }
    }

    /// Moves `source` into `target` stably by `digit`, whose counts `offsets` holds (turned
    /// into running positions).
    @inline(__always)
    private static func scatter(_ source: UnsafeMutableBufferPointer<UInt64>, into target: UnsafeMutableBufferPointer<UInt64>,
                                digit: Int, offsets: UnsafeMutableBufferPointer<Int>) {
        var total = 0
        for i in offsets.indices {
            let c = offsets[i]
            offsets[i] = total
            total += c
        }
        let shift = UInt64(digit * digitBits), mask = UInt64((1 << digitBits) - 1)
        for k in source {
            let d = Int((k >> shift) & mask)
            target[offsets[d]] = k
            offsets[d] += 1
        }
    }

    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(_ k: UInt64) -> Double {
        Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
    }
}
