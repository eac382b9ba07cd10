/// Something a source reports about its files, shown to the user.
public struct SourceNotice: Sendable, Equatable {
    public enum Level: Sendable, Equatable {
        case info, warning
        /// Reading failed: a `report` fails with it, the dashboard shows it.
        case error
    }

    public var level: Level
    public var message: String

    public init(_ level: Level, _ message: String) {
        self.level = level
        self.message = message
    }
}
