import ArgumentParser
import ModelTopIngest
import ModelTopText

/// A duration on the command line (`1s`, `500ms`, `2m`); `--help` shows defaults the same way.
struct DurationArgument: ExpressibleByArgument {
    var seconds: Double

    init(_ seconds: Double) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let seconds = Units.seconds(argument) else { return nil }
        self.seconds = seconds
    }

    var defaultValueDescription: String { Units.text(seconds: seconds) }
}

/// A size on the command line (`64MiB`, `1G`).
struct SizeArgument: ExpressibleByArgument {
    var bytes: Int

    init(_ bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        guard let bytes = Units.bytes(argument) else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { Units.text(bytes: bytes) }
}

/// A replay speed: a factor above 0, or `max`.
struct SpeedArgument: ExpressibleByArgument {
    var factor: Double

    init(_ factor: Double) {
        self.factor = factor
    }

    init?(argument: String) {
        if argument == "max" {
            factor = .infinity
            return
        }
        guard let factor = Double(argument), factor > 0, factor.isFinite else { return nil }
        self.factor = factor
    }

    var defaultValueDescription: String { factor.isInfinite ? "max" : Format.shortest(factor) }
}

/// An event time: RFC 3339 (`2026-11-20T03:00:00Z`) or Unix seconds.
struct TimeArgument: ExpressibleByArgument {
    var seconds: Double

    init?(argument: String) {
        if let seconds = Double(argument), seconds.isFinite {
            self.seconds = seconds
        } else if let seconds = RFC3339.seconds(argument) {
            self.seconds = seconds
        } else {
            return nil
        }
    }
}

/// A rate of lines: `2000`, `50k/s`, `1.5M/s`.
struct RateArgument: ExpressibleByArgument {
    var perSecond: Double

    init?(argument: String) {
        var text = argument.lowercased()
        if text.hasSuffix("/s") { text.removeLast(2) }
        var factor = 1.0
        if text.hasSuffix("k") { factor = 1e3; text.removeLast() } else if text.hasSuffix("m") { factor = 1e6; text.removeLast() }
        guard let n = Double(text), n > 0, n.isFinite else { return nil }
        perSecond = n * factor
    }
}
