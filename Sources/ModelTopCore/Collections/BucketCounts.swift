/// Counts per bucket number (a small non-negative integer, below ``limit``), in an open-addressing
/// table of one 64-bit word per slot: the bucket in the top bits, its count in the rest.
///
/// A third of the memory of a ``HashSlots`` of `Int` (8 bytes a slot instead of 24), which is
/// what an update costs: the latency histograms of every model, node and version pane are
/// touched by every prediction, and at 24 bytes a slot they did not stay in cache (measured:
/// ~10% of applying the mixed benchmark log went to their lookups).
///
/// A count past what the word holds (2^43 - 1) carries the excess to a side table, so counts
/// stay exact to `Int.max` (summaries read from files may carry any count).
public struct BucketCounts: Sendable {
    /// Bucket numbers are below this.
    public static let limit = 1 << keyBits - 1
    private static let keyBits = 21
    private static let countBits = 64 - keyBits
    private static let countMask: UInt64 = 1 << countBits - 1

    /// 0 for an empty slot, else `(bucket + 1) << countBits | count`.
    private var slots: [UInt64]
    /// Counts beyond `countMask`, by bucket (empty unless a bucket passed 2^43 - 1).
    private var carried: [Int: Int] = [:]
    /// Distinct buckets counted.
    public private(set) var count = 0

    /// - Parameter capacity: buckets held before the table grows.
    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
    }

    /// Adds `n` to `bucket`'s count.
    /// - Precondition: `0 <= bucket < limit`, `n >= 0`.
    /// - Complexity: O(1) expected.
    @inline(__always)
    public mutating func add(_ bucket: Int, _ n: Int = 1) {
        precondition(bucket >= 0 && bucket < Self.limit && n >= 0, "bucket out of range")
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let tag = UInt64(bucket + 1) << Self.countBits
        let mask = slots.count - 1
        var slot = Self.home(tag) & mask
        while true {
            let word = slots[slot]
            if word == 0 {
                slots[slot] = tag
                count += 1
                break
            }
            if word & ~Self.countMask == tag { break }
            slot = (slot + 1) & mask
        }
        let current = slots[slot] & Self.countMask
        if n <= Int(Self.countMask - current) {
            slots[slot] += UInt64(n)
        } else {
            carry(bucket, slot: slot, total: Int(current) + n)
        }
    }

    /// Keeps `total` (the slot's count plus `n`, past the word) as a carried multiple of the
    /// word's range and the remainder in the slot.
    private mutating func carry(_ bucket: Int, slot: Int, total: Int) {
        let remainder = total % Int(Self.countMask)
        carried[bucket, default: 0] += total - remainder
        slots[slot] = slots[slot] & ~Self.countMask | UInt64(remainder)
    }

    /// Calls `body` with each bucket and its count, in slot order.
    /// - Complexity: O(capacity).
    @inline(__always)
    public func forEach(_ body: (_ bucket: Int, _ count: Int) -> Void) {
        for word in slots where word != 0 {
            let bucket = Int(word >> Self.countBits) - 1
            body(bucket, Int(word & Self.countMask) + (carried.isEmpty ? 0 : carried[bucket] ?? 0))
        }
    }

    /// The buckets and their counts, by bucket.
    /// - Complexity: O(capacity + b log b) for b buckets.
    public var sorted: [(bucket: Int, count: Int)] {
        var entries: [(bucket: Int, count: Int)] = []
        entries.reserveCapacity(count)
        forEach { entries.append(($0, $1)) }
        entries.sort { $0.bucket < $1.bucket }
        return entries
    }

    @inline(__always)
    private static func home(_ tag: UInt64) -> Int {
        Int(truncatingIfNeeded: Mixer.mix(tag))
    }

    /// Doubles the table.
    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for word in slots where word != 0 {
            var slot = Self.home(word & ~Self.countMask) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = word
        }
        slots = bigger
    }
}
