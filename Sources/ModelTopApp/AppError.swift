/// An error shown to the user as `modeltop: message`, with an exit status (2 by default: the
/// command could not do its work; 3: a gate failed).
public struct AppError: Error, CustomStringConvertible {
    public var description: String
    public var status: Int32

    public init(_ description: String, status: Int32 = 2) {
        self.description = description
        self.status = status
    }

    /// Ended by a terminating signal: exit status 128 + its number (130 for SIGINT, 143 for
    /// SIGTERM, 129 for SIGHUP), nothing printed.
    public static func interrupted(by signal: Int32) -> AppError {
        AppError("", status: 128 + signal)
    }
}
