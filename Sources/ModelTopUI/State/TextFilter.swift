import Foundation

/// What `/` typed: a regular expression when it is one (`^fraud|churn$`), else a plain
/// substring; either way case-insensitive.
public struct TextFilter: Sendable {
    public let text: String
    private let pattern: NSRegularExpression?

    public init(_ text: String) {
        self.text = text
        pattern = text.isEmpty ? nil : try? NSRegularExpression(pattern: text, options: [.caseInsensitive])
    }

    public var isEmpty: Bool { text.isEmpty }

    /// Whether `name` matches (everything matches an empty filter).
    /// - Complexity: O(name) for a substring; a regex's own cost otherwise.
    public func matches(_ name: String) -> Bool {
        guard !text.isEmpty else { return true }
        if let pattern {
            return pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
        return name.range(of: text, options: .caseInsensitive) != nil
    }
}
