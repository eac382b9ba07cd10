/// A line that was skipped, kept for display.
public struct MalformedLine: Sendable, Equatable {
    /// The source it came from.
    public var source: String
    public var reason: MalformedReason
    /// The start of the line, sanitized (see ``Sanitizer``), at most ``MalformedLine/textLimit``
    /// characters.
    public var text: String

    /// How many characters of a malformed line are kept.
    public static let textLimit = 160

    public init(source: String, reason: MalformedReason, text: String) {
        self.source = source
        self.reason = reason
        self.text = text
    }

    /// A sample of `line`: its first characters, sanitized.
    public init(source: String, reason: MalformedReason, line: UnsafeRawBufferPointer) {
        let head = UnsafeRawBufferPointer(rebasing: line.prefix(MalformedLine.textLimit * 4))
        self.init(source: source, reason: reason,
                  text: Sanitizer.sanitize(head, limit: MalformedLine.textLimit))
    }
}
