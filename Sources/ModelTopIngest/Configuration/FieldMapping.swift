/// Where each schema field is found in a log line: a path of object keys from the top level.
///
/// By default every field is the top-level key of its name. A configuration file maps fields to
/// dotted paths, e.g. `model = "meta.model_name"` reads `{"meta": {"model_name": "m"}}`.
public struct FieldMapping: Sendable, Equatable {
    private var paths: [[String]]

    /// Every field at its default key.
    public init() {
        paths = SchemaField.allCases.map { [$0.name] }
    }

    /// The key path of `field`, outermost key first.
    public subscript(field: SchemaField) -> [String] {
        get { paths[field.rawValue] }
        set { paths[field.rawValue] = newValue }
    }

    /// Splits a dotted path into keys; `\.` is a literal dot inside a key.
    /// Returns nil for an empty path or an empty key.
    public static func keys(ofDottedPath path: String) -> [String]? {
        var keys: [String] = []
        var current = ""
        var escaped = false
        for character in path {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                keys.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        keys.append(current)
        return keys.contains(where: \.isEmpty) ? nil : keys
    }

    /// True when no field is remapped.
    public var isDefault: Bool { self == FieldMapping() }
}
