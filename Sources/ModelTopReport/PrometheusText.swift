import ModelTopText

/// The Prometheus text exposition format (version 0.0.4), written by hand: `# HELP` and
/// `# TYPE` once per family, then its samples; label values escaped; values as Go writes
/// floats (`NaN`, `+Inf`, `-Inf`, shortest decimal otherwise).
///
/// Written here rather than with swift-prometheus: the series are a snapshot of the monitor
/// taken per scrape (models and features come and go), which a registry of long-lived metric
/// objects does not fit, and the format is small enough to test whole (`promtool check
/// metrics` passes on it in the end-to-end test).
public struct PrometheusText {
    public enum Kind: String {
        case gauge, counter, histogram
    }

    /// One sample: label pairs and a value.
    public typealias Sample = (labels: [(String, String)], value: Double)

    public private(set) var text = ""

    public init() {}

    /// Writes a family; nothing when it has no samples.
    public mutating func family(_ name: String, _ kind: Kind, help: String, _ samples: [Sample]) {
        guard !samples.isEmpty else { return }
        header(name, kind, help: help)
        for sample in samples { line(name, sample.labels, sample.value) }
    }

    /// Writes a histogram family: per label set, cumulative counts at `bounds` (ascending,
    /// in the family's unit), the total count, and the sum.
    public mutating func histogram(_ name: String, help: String, bounds: [Double],
                                   _ series: [(labels: [(String, String)], cumulative: [Int], count: Int, sum: Double)]) {
        guard !series.isEmpty else { return }
        header(name, .histogram, help: help)
        for s in series {
            for (bound, n) in zip(bounds, s.cumulative) {
                line(name + "_bucket", s.labels + [("le", Self.value(bound))], Double(n))
            }
            line(name + "_bucket", s.labels + [("le", "+Inf")], Double(s.count))
            line(name + "_sum", s.labels, s.sum)
            line(name + "_count", s.labels, Double(s.count))
        }
    }

    private mutating func header(_ name: String, _ kind: Kind, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    private mutating func line(_ name: String, _ labels: [(String, String)], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.value(value) + "\n"
    }

    /// A value as Prometheus reads it.
    static func value(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
        if x == x.rounded(), x.magnitude < 1e15 { return String(Int64(x)) }
        return Format.shortest(x)
    }

    /// A label value: backslash, double quote and line feed escaped.
    static func escapeLabel(_ s: String) -> String { escape(s, quotes: true) }

    /// Help text: backslash and line feed escaped.
    static func escapeHelp(_ s: String) -> String { escape(s, quotes: false) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"" where quotes: out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
