import Foundation
import ModelTopSystem
import ModelTopText

extension Theme {
    /// A theme file, in the TOML subset modeltop reads:
    ///
    /// ```toml
    /// name = "light"
    /// [colors]            # "#rrggbb", a 256-colour index, or "default"
    /// text = "default"
    /// alert = "#d70000"
    /// [heatmap]
    /// scale = ["#f0f0f0", "#ffd75f", "#d70000"]   # low to high
    /// ```
    ///
    /// A bad value is an error naming the file, line and key; a missing key falls back to the
    /// default theme with a warning.
    public struct Loaded: Sendable {
        public var theme: Theme
        public var warnings: [String]
    }

    /// Parses theme file `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(TOMLError) -> Loaded {
        let document = try TOMLDocument(parsing: text, file: file)
        var colors: [ThemeRole: TerminalColor] = [:]
        var heatmap: [TerminalColor]?
        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        for entry in document.entries {
            let fail = { (message: String) in TOMLError(file: file, line: entry.line, key: entry.key, message: message) }
            switch (entry.table, entry.key) {
            case ("", "name"):
                guard case .string(let s) = entry.value else { throw fail("expected a string") }
                name = s
            case ("colors", let key):
                guard let role = ThemeRole(rawValue: key) else {
                    throw fail("unknown colour role (known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                colors[role] = try color(entry.value, fail)
            case ("heatmap", "scale"):
                guard case .array(let items) = entry.value, items.count >= 2 else {
                    throw fail("expected an array of at least two colours")
                }
                var scale: [TerminalColor] = []
                for item in items { scale.append(try color(item, fail)) }
                heatmap = scale
            default:
                throw fail("unknown key in \(entry.table.isEmpty ? "the top level" : "[\(entry.table)]")")
            }
        }
        var warnings: [String] = []
        let missing = ThemeRole.allCases.filter { colors[$0] == nil }
        if !missing.isEmpty {
            warnings.append("\(file): no colour for \(missing.map(\.rawValue).joined(separator: ", ")); using the default theme's")
        }
        if heatmap == nil { warnings.append("\(file): no [heatmap] scale; using the default theme's") }
        for role in missing { colors[role] = Theme.default.colors[role] }
        return Loaded(theme: Theme(name: name, colors: colors, heatmap: heatmap ?? Theme.default.heatmap), warnings: warnings)
    }

    private static func color(_ value: TOMLValue, _ fail: (String) -> TOMLError) throws(TOMLError) -> TerminalColor {
        switch value {
        case .string(let s):
            guard let c = TerminalColor(parsing: s) else { throw fail("'\(s)' is not a colour (#rrggbb, 0-255 or default)") }
            return c
        case .integer(let i):
            guard (0...255).contains(i) else { throw fail("\(i) is not a palette index (0-255)") }
            return .indexed(UInt8(i))
        default:
            throw fail("expected a colour, found \(value.typeName)")
        }
    }

    /// Reads theme `nameOrPath`: a path to a .toml file, or a name: a file `NAME.toml` in
    /// `directories` (the first found), else the built-in theme of that name.
    public static func load(_ nameOrPath: String, directories: [String]) throws -> Loaded {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
        let candidates = isPath ? [nameOrPath] : directories.map { "\($0)/\(nameOrPath).toml" }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            if !isPath, let text = builtIn[nameOrPath] { return try parse(text, file: "built-in theme \(nameOrPath)") }
            let known = available(in: directories).joined(separator: ", ")
            throw ThemeError(message: "no theme '\(nameOrPath)' (known: \(known); looked for files in \(candidates.joined(separator: ", ")))")
        }
        let text: String
        do {
            text = try SmallFile.read(path)
        } catch {
            throw ThemeError(message: "cannot read \(path): \(error.message)")
        }
        return try parse(text, file: path)
    }

    /// The names of the built-in themes and of those in `directories`, sorted, `default` first.
    public static func available(in directories: [String]) -> [String] {
        var names = Set(builtIn.keys)
        for directory in directories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasSuffix(".toml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        names.remove("default")
        return ["default"] + names.sorted()
    }
}

/// A theme that cannot be found or read.
public struct ThemeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
