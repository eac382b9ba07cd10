import ArgumentParser
import ModelTopApp

/// `watch ssh://HOST/PATH`: how the system `ssh` is run for remote sources.
struct RemoteOptions: ParsableArguments {
    @Option(name: .customLong("ssh-option"), help: ArgumentHelp(
        "An ssh option for remote sources (-o KEY=VALUE), e.g. IdentityFile=~/.ssh/id_ed25519; repeatable.",
        valueName: "key=value"))
    var sshOptions: [String] = []

    @Option(name: .customLong("ssh-command"), help: ArgumentHelp(
        "The ssh program for remote sources, with arguments (e.g. 'ssh -F ~/.ssh/modeltop.conf').", valueName: "command"))
    var sshCommand = "ssh"

    func validate() throws {
        for option in sshOptions where !option.contains("=") || option.hasPrefix("=") {
            throw ValidationError("--ssh-option takes KEY=VALUE (found '\(option)').")
        }
        guard !sshCommand.split(separator: " ").isEmpty else { throw ValidationError("--ssh-command is empty.") }
    }

    var settings: RemoteEventSource.Settings {
        var s = RemoteEventSource.Settings()
        s.command = sshCommand.split(separator: " ").map(String.init)
        s.options = sshOptions
        return s
    }
}
