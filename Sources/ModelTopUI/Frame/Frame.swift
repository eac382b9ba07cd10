/// A drawn frame: the cells for the terminal and what clicks on them select.
public struct Frame: Sendable, Equatable {
    public var buffer: CellBuffer
    public var hits: HitMap

    public init(buffer: CellBuffer, hits: HitMap = HitMap()) {
        self.buffer = buffer
        self.hits = hits
    }
}
