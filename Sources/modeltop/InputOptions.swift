import ArgumentParser
import ModelTopApp

/// Options every command that reads logs shares.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Log files, glob patterns (quote them) or '-' for standard input.",
                                 valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "A TOML file mapping schema fields to key paths in your logs, and thresholds (see docs/events.md).",
        valueName: "file"))
    var config: String?

    @Option(name: .customLong("baseline-version"), help: ArgumentHelp(
        "The version other versions of a model are compared with (else its most served one).", valueName: "version"))
    var baselineVersion: String?

    @Option(name: .customLong("kafka-option"), help: ArgumentHelp(
        "A librdkafka setting for kafka:// sources (security.protocol, sasl.*, ssl.*); repeatable.", valueName: "key=value"))
    var kafkaOptions: [String] = []

    func validate() throws {
        guard paths.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("'-' (standard input) can be given once.") }
    }

    /// Fails unless at least one path was given (every command but `watch --listen`), or when
    /// one is remote (only `watch` follows `ssh://` sources).
    func requireLocalPaths() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one log file, pattern or '-'.") }
        if let remote = paths.first(where: { $0.hasPrefix("ssh://") }) {
            throw ValidationError("\(remote): remote sources are followed by 'modeltop watch'; copy the files here to read them to their end.")
        }
    }

    /// The inputs, with the configuration file read and `references` to compare with.
    func inputs(references: [String]) throws -> Inputs {
        var inputs = Inputs(paths: paths, configuration: try Inputs.configuration(file: config), references: references)
        inputs.baselineVersion = baselineVersion
        inputs.kafkaOptions = try kafkaOptions.map { option in
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--kafka-option \(option): expected KEY=VALUE.") }
            return (parts[0], parts[1])
        }
        return inputs
    }
}
