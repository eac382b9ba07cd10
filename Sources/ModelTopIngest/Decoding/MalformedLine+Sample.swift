import ModelTopCore
import ModelTopText

extension MalformedLine {
    /// A sample of `line`: its first characters, sanitized.
    public init(source: String, reason: MalformedReason, line: UnsafeRawBufferPointer) {
        let head = UnsafeRawBufferPointer(rebasing: line.prefix(MalformedLine.textLimit * 4))
        self.init(source: source, reason: reason, text: Sanitizer.sanitize(head, limit: MalformedLine.textLimit))
    }
}
