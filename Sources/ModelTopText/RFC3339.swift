/// Parsing of RFC 3339 timestamps (`2026-11-26T14:54:45.123Z`, `2026-11-26 14:54:45+01:00`).
public enum RFC3339 {
    /// Seconds since the Unix epoch, or nil when `text` is not an RFC 3339 date-time.
    ///
    /// Accepts `T`, `t` or a space between date and time, any number of fraction digits, and
    /// `Z`, `z` or `±HH:MM` as the offset. A leap second (`:60`) counts as the next second.
    /// - Complexity: O(text.count), no allocation.
    public static func seconds(_ text: UnsafeRawBufferPointer) -> Double? {
        var reader = DigitReader(bytes: text)
        guard let base = minuteStart(&reader) else { return nil }
        return seconds(&reader, after: base)
    }

    /// Reads `YYYY-MM-DD?HH:MM:` and returns the seconds since the epoch at that minute's start
    /// (before any offset), or nil.
    private static func minuteStart(_ reader: inout DigitReader) -> Int? {
        guard let year = reader.number(digits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2),
            reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.number(digits: 2), reader.skip(":"),
            let minute = reader.number(digits: 2), reader.skip(":")
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60
    }

    /// Reads the rest after the minute, `SS[.fff](Z|±HH:MM)`, to the end, and returns the time.
    private static func seconds(_ reader: inout DigitReader, after minuteStart: Int) -> Double? {
        guard let second = reader.number(digits: 2), second <= 60 else { return nil }
        var fraction = 0.0
        if reader.skip(".") {
            // Up to 15 digits are exact in a double; further digits are read and ignored.
            var numerator = 0
            var denominator = 1
            var count = 0
            while let digit = reader.digit() {
                if count < 15 {
                    numerator = numerator * 10 + digit
                    denominator *= 10
                }
                count += 1
            }
            guard count > 0 else { return nil }
            fraction = Double(numerator) / Double(denominator)
        }
        var offset = 0
        if reader.skip("Z") || reader.skip("z") {
            offset = 0
        } else if let sign = reader.sign() {
            guard let oh = reader.number(digits: 2), reader.skip(":"), let om = reader.number(digits: 2),
                oh < 24, om < 60
            else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        return Double(minuteStart + second - offset) + fraction
    }

    /// The parser of a log's timestamps, which mostly share their minute with the line before:
    /// it keeps the last `YYYY-MM-DD?HH:MM:` parsed and, for a text that starts with the same
    /// 17 bytes, reads only the seconds, fraction and offset. The same results as
    /// ``RFC3339/seconds(_:)-(UnsafeRawBufferPointer)``.
    public struct MinuteCache {
        /// The first 16 bytes of the last text whose minute was parsed (its 17th is `:`).
        private var words: (UInt64, UInt64) = (0, 0)
        private var minuteStart: Int?

        public init() {}

        /// Seconds since the epoch, or nil when `text` is not an RFC 3339 date-time.
        /// - Complexity: O(text.count), no allocation; two word compares and the seconds for a
        ///   text of the minute before.
        public mutating func seconds(_ text: UnsafeRawBufferPointer) -> Double? {
            guard text.count >= 19, let base = text.baseAddress else { return RFC3339.seconds(text) }
            let first = base.loadUnaligned(as: UInt64.self), second = base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            var reader = DigitReader(bytes: text)
            if let minuteStart, first == words.0, second == words.1, text[16] == UInt8(ascii: ":") {
                reader.position = 17
                return RFC3339.seconds(&reader, after: minuteStart)
            }
            guard let start = RFC3339.minuteStart(&reader) else { return nil }
            words = (first, second)
            minuteStart = start
            return RFC3339.seconds(&reader, after: start)
        }
    }

    /// Parses a string (convenience for tests and the CLI).
    public static func seconds(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { seconds(UnsafeRawBufferPointer($0)) }
    }

    /// Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC).
    public static func string(fromSeconds seconds: Double, fractionDigits: Int = 0) -> String {
        guard seconds.isFinite, abs(seconds) < 1e13 else { return "invalid time" }
        let scale = fractionDigits == 0 ? 1.0 : Double(Int(pow10(fractionDigits)))
        let ticks = Int((seconds * scale).rounded(.down))
        let perDay = 86_400 * Int(scale)
        var days = ticks / perDay
        var rest = ticks % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let (y, m, d) = civilFromDays(days)
        let whole = rest / Int(scale)
        let frac = rest % Int(scale)
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(whole / 3600, 2)):\(pad(whole / 60 % 60, 2)):\(pad(whole % 60, 2))"
        if fractionDigits > 0 { text += "." + pad(frac, fractionDigits) }
        return text + "Z"
    }

    private static func pow10(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<n { x *= 10 }
        return x
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private struct DigitReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func digit() -> Int? {
        guard position < bytes.count else { return nil }
        let b = bytes[position]
        guard b >= 0x30, b <= 0x39 else { return nil }
        position += 1
        return Int(b - 0x30)
    }

    mutating func number(digits: Int) -> Int? {
        var value = 0
        for _ in 0..<digits {
            guard let d = digit() else { return nil }
            value = value * 10 + d
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
        position += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
