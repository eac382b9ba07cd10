import ArgumentParser
import Foundation
import ModelTopCore
import ModelTopIngest
import ModelTopTerminal
import ModelTopUI

/// Options of the dashboard's look.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A theme name (default, light, high-contrast, colorblind) or a theme file (.toml).",
                               valueName: "name|path"))
    var theme = "default"

    @Flag(help: "Draw with ASCII characters only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    /// Where theme files are looked for: $MODELTOP_THEMES, ./themes, and next to the binary.
    static var themeDirectories: [String] {
        var directories: [String] = []
        if let env = ProcessInfo.processInfo.environment["MODELTOP_THEMES"] {
            directories += env.split(separator: ":").map(String.init)
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        directories.append(executable.appendingPathComponent("../../themes").standardized.path)
        directories.append(executable.appendingPathComponent("../share/modeltop/themes").standardized.path)
        return directories
    }

    /// Runs the dashboard over `input`; the terminal is restored before errors are shown.
    func runDashboard(monitor: FleetMonitor, input: DashboardApp.Input) throws {
        var options = DashboardApp.Options()
        options.ascii = ascii
        options.monochrome = noColor
        options.theme = theme
        options.themeDirectories = Self.themeDirectories
        let mailbox = Mailbox<DashboardApp.Control>()
        SignalWatcher.start { mailbox.send(control: .signal($0)) }
        let warnings: [String]
        do {
            warnings = try DashboardApp(options: options).run(monitor: monitor, input: input, mailbox: mailbox)
        } catch let error as TOMLError {
            throw UserError("bad theme: \(error)")
        } catch {
            throw UserError("\(error)")
        }
        for warning in warnings { FileHandle.standardError.write(Data("modeltop: \(warning)\n".utf8)) }
    }
}
