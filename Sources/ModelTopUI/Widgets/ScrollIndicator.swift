import ModelTopText

/// Tells that a list or text goes on above or below what is shown: `▲ 3` at the top right
/// and `▼ 12` at the bottom right (rows hidden that way); nothing when all fits.
public struct ScrollIndicator: Sendable {
    public var first: Int
    public var visible: Int
    public var total: Int

    public init(first: Int, visible: Int, total: Int) {
        self.first = first
        self.visible = visible
        self.total = total
    }

    public var above: Int { max(0, first) }
    public var below: Int { max(0, total - first - visible) }

    /// Draws the marks right-aligned to column `right`, on rows `top` and `bottom`.
    public func render(at right: Int, top: Int, bottom: Int, buffer: inout CellBuffer, context: RenderContext) {
        let style = Style(foreground: .role(.accent), bold: true, reverse: context.monochrome)
        if above > 0 {
            let text = "\(context.glyphs.up) \(above)"
            buffer.write(text, x: right - DisplayWidth.of(text) + 1, y: top, style: style)
        }
        if below > 0 && bottom >= top {
            let text = "\(context.glyphs.down) \(below)"
            buffer.write(text, x: right - DisplayWidth.of(text) + 1, y: bottom, style: style)
        }
    }
}
