/// A line that was skipped, kept for display.
public struct MalformedLine: Sendable, Equatable {
    /// The source it came from.
    public var source: String
    public var reason: MalformedReason
    /// The start of the line, already sanitized for a terminal, at most
    /// ``MalformedLine/textLimit`` characters.
    public var text: String

    /// How many characters of a malformed line are kept.
    public static let textLimit = 160

    public init(source: String, reason: MalformedReason, text: String) {
        self.source = source
        self.reason = reason
        self.text = text
    }
}
