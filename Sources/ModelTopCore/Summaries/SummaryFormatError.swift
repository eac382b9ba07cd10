/// Why a summary block could not be read.
public enum SummaryFormatError: Error, Equatable, CustomStringConvertible {
    /// The bytes end inside a block.
    case truncated
    /// Not a summary block: the magic bytes are missing.
    case notSummaries
    /// A block of a format version this build does not read.
    case unsupportedVersion(UInt8)
    /// A block larger than ``SummaryBlock/maximumSize``.
    case tooLarge(Int)
    case malformed(String)

    public var description: String {
        switch self {
        case .truncated: "truncated summary block"
        case .notSummaries: "not a modeltop pane summary (no MTPANES magic)"
        case .unsupportedVersion(let v): "pane summary format version \(v) (this build reads version \(SummaryBlock.formatVersion))"
        case .tooLarge(let n): "pane summary block of \(n) bytes (at most \(SummaryBlock.maximumSize))"
        case .malformed(let why): "malformed pane summary: \(why)"
        }
    }
}
