/// The generator's pending lines, earliest first by (time, sequence). What is due within the
/// current second of event time is in a 4-ary min-heap; later entries wait in one bucket per
/// second, appended and read in order, and join the heap when their second comes (no entry is
/// ever due before the last one taken). So the heap stays a second's worth of lines, in cache,
/// instead of every label still to come, and a label's data, written a minute before, is read
/// back sequentially.
struct PendingQueue {
    typealias Entry = SynthGenerator.Pending
    private var heap: [Entry] = []
    /// Entries of later seconds, by second; `next`: the first second not in the heap.
    private var buckets: [Int: [Entry]] = [:]
    private var next = Int.min

    @inline(__always)
    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    /// The second of `time` (times past ±10^15 s share the outermost seconds).
    @inline(__always)
    private static func second(_ time: Double) -> Int {
        guard time > -1e15, time < 1e15 else { return time < 0 ? -1_000_000_000_000_000 : 1_000_000_000_000_000 }
        return Int(time.rounded(.down))
    }

    mutating func insert(_ entry: Entry) {
        let second = Self.second(entry.time)
        if next == .min { next = second }
        if second >= next {
            buckets[second, default: []].append(entry)
        } else {
            push(entry)
        }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let parent = (i - 1) / 4
                guard Self.less(entry, h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = entry
        }
    }

    mutating func popMin() -> Entry? {
        var empty = 0
        while heap.isEmpty {
            guard !buckets.isEmpty else { return nil }
            // Seconds with nothing due: after a long gap, jump to the first that has entries.
            empty += 1
            if empty > 1024 { next = buckets.keys.min()! }
            if let entries = buckets.removeValue(forKey: next) {
                for entry in entries { push(entry) }
            }
            next += 1
        }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let first = 4 * i + 1
                guard first < n else { break }
                var c = first
                for j in first + 1..<min(first + 4, n) where Self.less(h[j], h[c]) { c = j }
                guard Self.less(h[c], last) else { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
        }
        return top
    }
}
