/// A scrolling text: the help, or one malformed line opened whole. Lines are wrapped to the
/// width already, each with its style role.
public struct TextModel: Sendable {
    public enum Kind: Sendable {
        case title, heading, key, plain, dim, warn
    }

    public struct Line: Sendable {
        /// A key column (help), or empty.
        public var key: String
        public var text: String
        public var kind: Kind

        public init(key: String = "", text: String, kind: Kind = .plain) {
            self.key = key
            self.text = text
            self.kind = kind
        }
    }

    public var lines: [Line]
    /// The first line shown.
    public var first: Int
    /// Width of the key column.
    public var keyWidth: Int
}
