/// Where the frame drew what a click can select: made while drawing, from the same geometry,
/// so clicks and pixels never disagree.
public struct HitMap: Sendable, Equatable {
    private var regions: [(area: Rect, target: HitTarget)] = []

    public init() {}

    /// Makes `area` select `target` (later regions win over earlier ones).
    public mutating func add(_ area: Rect, _ target: HitTarget) {
        guard !area.isEmpty else { return }
        regions.append((area, target))
    }

    /// What a click at (x, y) selects, if anything.
    /// - Complexity: O(regions).
    public func target(x: Int, y: Int) -> HitTarget? {
        regions.last { $0.area.contains(x: x, y: y) }?.target
    }

    public static func == (a: HitMap, b: HitMap) -> Bool {
        a.regions.count == b.regions.count && zip(a.regions, b.regions).allSatisfy { $0.area == $1.area && $0.target == $1.target }
    }
}
