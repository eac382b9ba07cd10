import Foundation
import ModelTopSystem
import ModelTopText
import ModelTopUI

/// Where theme files are found, and how a theme is loaded by name or path.
public enum Themes {
    /// $MODELTOP_THEMES, ./themes, next to the executable (or above it in a build tree), and in
    /// the install prefix's `share/modeltop`.
    public static var directories: [String] {
        var directories: [String] = []
        if let env = ProcessInfo.processInfo.environment["MODELTOP_THEMES"] {
            directories += env.split(separator: ":").map(String.init)
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        directories += Executable.dataCandidates(named: "themes")
        return directories
    }

    /// The theme named or at `nameOrPath`.
    /// - Throws: ``AppError`` for a theme that cannot be found or read, naming file, line and key.
    public static func load(_ nameOrPath: String) throws -> Theme.Loaded {
        do {
            return try Theme.load(nameOrPath, directories: directories)
        } catch let error as TOMLError {
            throw AppError("bad theme: \(error)")
        } catch {
            throw AppError("\(error)")
        }
    }

    /// The names `t` cycles through.
    public static var available: [String] { Theme.available(in: directories) }
}
