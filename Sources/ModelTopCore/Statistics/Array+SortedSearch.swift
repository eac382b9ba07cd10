/// Binary searches in an ascending array of doubles (numpy's `searchsorted`), without a
/// branch on the comparisons (each halving picks its side with a conditional move: the side
/// is as unpredictable as the value searched).
extension Array where Element == Double {
    /// The number of elements below `x` in this ascending array (`searchsorted(side="left")`).
    /// - Complexity: O(log n).
    public func countBelow(_ x: Double) -> Int {
        search { $0 < x }
    }

    /// The number of elements at or below `x` in this ascending array
    /// (`searchsorted(side="right")`).
    /// - Complexity: O(log n).
    public func countAtOrBelow(_ x: Double) -> Int {
        search { $0 <= x }
    }

    /// The number of leading elements for which `isBefore` holds (it holds for a prefix).
    @inline(__always)
    private func search(_ isBefore: (Double) -> Bool) -> Int {
        withUnsafeBufferPointer { elements in
            var base = 0, n = elements.count
            guard n > 0 else { return 0 }
            while n > 1 {
                let half = n / 2
                base = isBefore(elements[base + half - 1]) ? base + half : base
                n -= half
            }
            return base + (isBefore(elements[base]) ? 1 : 0)
        }
    }
}
