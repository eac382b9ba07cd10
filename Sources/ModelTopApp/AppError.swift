/// An error shown to the user as `modeltop: message`, with an exit status (2 by default: the
/// command could not do its work; 3: a gate failed).
public struct AppError: Error, CustomStringConvertible {
    public var description: String
    public var status: Int32

    public init(_ description: String, status: Int32 = 2) {
        self.description = description
        self.status = status
    }
}
