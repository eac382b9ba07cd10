/// A rectangle of cells: origin at the top left, x to the right, y down.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell (x, y) is inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(by n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }

    /// The first `n` rows, and the rest.
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let top = min(max(n, 0), height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top, width: width, height: height - top))
    }

    /// The last `n` rows, and the rest above.
    public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
        let bottom = min(max(n, 0), height)
        return (Rect(x: x, y: y, width: width, height: height - bottom),
                Rect(x: x, y: y + height - bottom, width: width, height: bottom))
    }

    /// The first `n` columns, and the rest.
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let left = min(max(n, 0), width)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: x + left, y: y, width: width - left, height: height))
    }

    /// One row.
    public func row(_ i: Int) -> Rect {
        Rect(x: x, y: y + i, width: width, height: i >= 0 && i < height ? 1 : 0)
    }
}
