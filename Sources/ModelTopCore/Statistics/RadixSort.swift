/// Sorting of doubles in linear time: a least-significant-digit radix sort on the IEEE bit
/// patterns mapped to unsigned keys that order like the numbers (-0 before +0; NaNs last).
/// Several times faster than `sort()` for the large samples KS needs.
public enum RadixSort {
    /// Below this size `sort()` is as fast.
    static let threshold = 2048

    /// `values` in ascending order.
    /// - Complexity: O(n) time (8 passes over the data) and O(n) extra space.
    public static func sorted(_ values: [Double]) -> [Double] {
        guard values.count >= threshold else { return values.sorted() }
        var keys = values.map(key)
        var scratch = [UInt64](repeating: 0, count: keys.count)
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                var source = keys, target = scratch
                var counts = [Int](repeating: 0, count: 256)
                for shift in stride(from: 0, to: 64, by: 8) {
                    for i in 0..<256 { counts[i] = 0 }
                    for k in source { counts[Int((k >> UInt64(shift)) & 0xff)] += 1 }
                    if counts.contains(source.count) { continue }  // every key has the same digit
                    var total = 0
                    for i in 0..<256 {
                        let c = counts[i]
                        counts[i] = total
                        total += c
                    }
                    for k in source {
                        let digit = Int((k >> UInt64(shift)) & 0xff)
                        target[counts[digit]] = k
                        counts[digit] += 1
                    }
                    swap(&source, &target)
                }
                if source.baseAddress != keys.baseAddress {
                    keys.baseAddress!.update(from: source.baseAddress!, count: keys.count)
                }
            }
        }
        return keys.map(value)
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
