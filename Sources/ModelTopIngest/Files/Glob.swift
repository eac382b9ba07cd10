#if canImport(Glibc)
import Glibc
#endif

/// Expansion of shell-style patterns (`logs/*.jsonl`, `node-?/app.jsonl`, `[ab].log`).
public enum Glob {
    /// True when `pattern` has `*`, `?` or `[`.
    public static func isPattern(_ pattern: String) -> Bool {
        pattern.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
    }

    /// The paths matching `pattern` now, sorted; empty when none.
    public static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
        }
        return paths
    }
}
