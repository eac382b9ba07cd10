import Foundation
import ModelTopSystem
import ModelTopText
import ModelTopUI

/// Where the dashboard's choices are kept between runs: `$XDG_CONFIG_HOME/modeltop/config.toml`
/// (`~/.config/modeltop/config.toml`), a `[display]` table of `theme`, `sort`, `descending` and
/// `hide` (overview columns left out). The same table may sit in a `--config` file.
public enum PreferencesStore {
    /// The file, or nil when neither XDG_CONFIG_HOME nor HOME is set.
    public static var path: String? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/modeltop/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/modeltop/config.toml" }
        return nil
    }

    /// The kept choices; none when the file does not exist. A file that cannot be read or
    /// parsed is reported in `warnings` and ignored.
    public static func load(from path: String? = path, warnings: inout [String]) -> Preferences {
        guard let path, FileManager.default.fileExists(atPath: path) else { return Preferences() }
        do {
            let text = try SmallFile.read(path)
            return try parse(TOMLDocument(parsing: text, file: path).entries, file: path)
        } catch let error as TOMLError {
            warnings.append("preferences: \(error)")
        } catch {
            warnings.append("preferences: \(path): \(error)")
        }
        return Preferences()
    }

    /// The `[display]` entries of a document.
    /// - Throws: ``TOMLError`` naming the key for an unknown key or value.
    public static func parse(_ entries: [TOMLDocument.Entry], file: String) throws(TOMLError) -> Preferences {
        var preferences = Preferences()
        var column: OverviewColumn?
        var descending: Bool?
        for entry in entries where entry.table == "display" {
            let fail = { (message: String) in TOMLError(file: file, line: entry.line, key: entry.key, message: message) }
            switch (entry.key, entry.value) {
            case ("theme", .string(let name)): preferences.theme = name
            case ("sort", .string(let name)):
                guard let c = OverviewColumn(name: name) else {
                    throw fail("unknown column (known: \(OverviewColumn.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                column = c
            case ("descending", .bool(let b)): descending = b
            case ("hide", .array(let items)):
                for item in items {
                    guard case .string(let name) = item, let c = OverviewColumn(name: name) else { throw fail("unknown column \(item.text)") }
                    preferences.hiddenColumns.append(c)
                }
            case ("theme", _), ("sort", _), ("descending", _), ("hide", _):
                throw fail("unexpected \(entry.value.typeName)")
            default:
                throw fail("unknown key in [display] (known: theme, sort, descending, hide)")
            }
        }
        if let column { preferences.sort = SortSpec(column: column, descending: descending ?? column.descendingFirst) }
        return preferences
    }

    /// Writes `preferences` to the file (atomically), keeping nothing else of it.
    /// - Throws: when the directory cannot be made or the file written.
    public static func save(_ preferences: Preferences, to path: String? = path) throws {
        guard let path else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = "# modeltop's dashboard choices, kept between runs (t, sort keys); flags override them.\n[display]\n"
        if let theme = preferences.theme { text += "theme = \(JSONValue.string(theme).rendered())\n" }
        if let sort = preferences.sort {
            text += "sort = \"\(sort.column.rawValue)\"\ndescending = \(sort.descending)\n"
        }
        if !preferences.hiddenColumns.isEmpty {
            text += "hide = [" + preferences.hiddenColumns.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
