/// The name of the source a log file belongs to: its file name without rotation suffixes,
/// compression and log extension, so `node-a.jsonl`, `node-a.jsonl.1` and
/// `node-a.jsonl-20261126` are all `node-a`. Lines without a `node` are attributed to it.
public enum SourceName {
    /// The source name for `path`.
    public static func of(path: String) -> String {
        if path == "-" { return "stdin" }
        var name = Substring(path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path))
        var changed = true
        while changed {
            changed = false
            for suffix in [".gz", ".bz2", ".xz", ".zst"] where name.hasSuffix(suffix) && name.count > suffix.count {
                name = name.dropLast(suffix.count)
                changed = true
            }
            if let cut = rotationSuffixStart(name) {
                name = name[..<cut]
                changed = true
            }
        }
        for ext in [".jsonl", ".ndjson", ".json", ".log", ".txt"] where name.hasSuffix(ext) && name.count > ext.count {
            return String(name.dropLast(ext.count))
        }
        return String(name)
    }

    /// Where a trailing `.N` or a `-` date (8 to 14 digits, as logrotate's dateext writes) starts.
    private static func rotationSuffixStart(_ name: Substring) -> Substring.Index? {
        var digits = 0
        var index = name.endIndex
        while index > name.startIndex {
            let before = name.index(before: index)
            guard name[before].isASCII, name[before].isNumber else { break }
            digits += 1
            index = before
        }
        guard digits > 0, index > name.startIndex else { return nil }
        let separator = name.index(before: index)
        guard separator > name.startIndex else { return nil }
        if name[separator] == "." { return separator }
        if name[separator] == "-", digits >= 8 { return separator }
        return nil
    }
}
