/// A scenario that cannot be run, or an expression that cannot be compiled: what is wrong, and
/// (filled in by the scenario reader) the file, line and key.
public struct SynthError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
