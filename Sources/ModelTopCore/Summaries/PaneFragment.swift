/// What one worker added to one pane of one model since its previous block: a pane whose
/// figures are added (``ModelPane/absorb(_:slots:window:)``) to the pane of the same event
/// time wherever summaries are merged. Adding every fragment of every worker gives the pane one
/// process would have had (counts, bins, sums exactly; samples as a uniform sample).
public struct PaneFragment: Sendable {
    public var instance: UInt64
    public var model: Symbol
    /// Event time at which the pane starts (pane number × pane seconds).
    public var start: Double
    /// The names of the pane's feature slots.
    public var featureNames: [Symbol]
    /// The worker's only version with figures, when it had one (its pane has no
    /// ``ModelPane/byVersion`` then: all of it is that version's).
    public var soleVersion: Symbol?
    public var pane: ModelPane

}

extension PaneFragment {
    func write(to w: inout SummaryWriter) {
        w.varint(instance)
        w.symbol(model)
        w.double(start)
        w.count(featureNames.count)
        for name in featureNames { w.symbol(name) }
        w.optionalSymbol(soleVersion)
        pane.write(to: &w)
    }

    init(reading r: inout SummaryReader, classLimit: Int) throws {
        instance = try r.varint()
        model = try r.symbol()
        start = try r.double()
        featureNames = try (0..<(try r.count())).map { _ in try r.symbol() }
        soleVersion = try r.optionalSymbol()
        pane = try ModelPane(reading: &r, classLimit: classLimit)
        guard pane.features.count <= featureNames.count, start.isFinite else {
            throw SummaryFormatError.malformed("a pane with unnamed feature slots")
        }
    }
}
