import ModelTopCore

/// The alert timeline (`a`): every severity change, newest first.
public struct AlertsModel: Sendable {
    public struct Entry: Sendable {
        /// Event time of the change.
        public var time: Double
        public var model: String
        /// `model`, `feature amount`, `node eu-2`.
        public var subject: String
        public var from: Severity?
        public var to: Severity
        public var reason: String?
    }

    public var entries: [Entry]
    public var selected: Int
    /// Changes older than the log keeps.
    public var dropped: Int
}
