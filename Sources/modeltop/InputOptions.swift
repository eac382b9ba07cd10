import ArgumentParser
import ModelTopIngest

/// Options every command that reads logs shares.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Log files, glob patterns (quote them) or '-' for standard input.",
                                 valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "A TOML file mapping schema fields to key paths in your logs (see docs/events.md).",
        valueName: "file"))
    var config: String?

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one log file, pattern or '-'.") }
        guard paths.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("'-' (standard input) can be given once.") }
    }

    /// The configuration file's contents, or the defaults.
    func loadConfiguration() throws -> Configuration {
        guard let config else { return Configuration() }
        do {
            return try Configuration(contentsOf: config)
        } catch {
            throw UserError("bad configuration: \(error)")
        }
    }
}

/// An error shown to the user as `modeltop: message`, with an exit status (2 by default: the
/// command could not do its work).
struct UserError: Error, CustomStringConvertible {
    var description: String
    var status: Int32

    init(_ description: String, status: Int32 = 2) {
        self.description = description
        self.status = status
    }
}
