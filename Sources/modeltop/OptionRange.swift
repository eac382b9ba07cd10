import ArgumentParser
import ModelTopIngest
import ModelTopText

/// The documented range of a numeric option, checked in `validate()` with an error that names
/// the option, the range and what was given (the README's option table lists the same ranges).
struct OptionRange<Value: Comparable & Sendable>: Sendable {
    var name: String
    var range: ClosedRange<Value>
    var text: @Sendable (Value) -> String

    /// Throws a `ValidationError` when `value` is outside the range.
    func check(_ value: Value) throws {
        guard range.contains(value) else {
            throw ValidationError("\(name) must be from \(text(range.lowerBound)) to \(text(range.upperBound)) (found \(text(value))).")
        }
    }
}

extension OptionRange where Value == Int {
    init(_ name: String, _ range: ClosedRange<Int>) {
        self.init(name: name, range: range, text: { String($0) })
    }
}

extension OptionRange where Value == Double {
    /// A duration option, shown as `1ms`, `366d`.
    init(duration name: String, _ range: ClosedRange<Double>) {
        self.init(name: name, range: range, text: { Units.text(seconds: $0) })
    }

    /// A factor option, shown as `0.01`, `1000000`.
    init(factor name: String, _ range: ClosedRange<Double>) {
        self.init(name: name, range: range, text: { Format.shortest($0) })
    }
}

/// The ranges of the numeric options.
enum OptionRanges {
    static let day = 86_400.0
    static let pane = OptionRange(duration: "--pane", 0.001...366 * day)
    static let panes = OptionRange("--panes", 1...10_080)
    static let window = OptionRange("--window", 1...10_080)
    static let sample = OptionRange("--sample", 1...1_000_000)
    static let referenceSize = OptionRange("--reference-size", 1...10_000_000)
    static let maxPending = OptionRange("--max-pending", 1...10_000_000)
    static let labelTTL = OptionRange(duration: "--label-ttl", 0...366 * day)
    static let interval = OptionRange(duration: "--interval", 0.01...day)
    static let backlog = OptionRange(name: "--backlog", range: 0...(1 << 40), text: { Units.text(bytes: $0) })
    static let speed = OptionRange(factor: "--speed", 0.01...1_000_000)
    static let maxBody = OptionRange(name: "--max-body", range: 1024...(1 << 30), text: { Units.text(bytes: $0) })
    static let maxConnections = OptionRange("--max-connections", 1...100_000)
    static let requestTimeout = OptionRange(duration: "--request-timeout", 0.1...day)
    static let idleTimeout = OptionRange(duration: "--idle-timeout", 0.1...day)
    static let queueDepth = OptionRange("--queue-depth", 1...1024)
}
