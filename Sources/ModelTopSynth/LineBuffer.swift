import ModelTopText

/// Bytes of NDJSON lines being written: keys, escaped strings, numbers with fixed decimals and
/// times, all by integer arithmetic (no platform formatting: the same bytes everywhere).
///
/// Owns its storage (so it cannot be copied): appending checks capacity only, no uniqueness.
struct LineBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written.
    private(set) var count = 0
    /// The date part ("2026-11-20T") of the last day written, and that day.
    private var day = Int.min
    private var datePrefix: [UInt8] = []

    init() {
        capacity = 1 << 12
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// What was written.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Forgets what was written (keeps the storage).
    @inline(__always)
    mutating func clear() { count = 0 }

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(n) }
    }

    @inline(never)
    private mutating func grow(_ n: Int) {
        let bigger = Swift.max(capacity * 2, count + n)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = bigger
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { raw($0) }
    }

    @inline(__always)
    mutating func raw(_ b: [UInt8]) { b.withUnsafeBufferPointer { raw($0) } }

    @inline(__always)
    mutating func raw(_ b: UnsafeBufferPointer<UInt8>) {
        reserve(b.count)
        (base + count).update(from: b.baseAddress!, count: b.count)
        count += b.count
    }

    mutating func string(_ s: String) { raw(Self.json(s)) }

    /// `s` as a JSON string, quotes included (the report's escaping).
    static func json(_ s: String) -> [UInt8] {
        Array(JSONValue.string(s).rendered().utf8)
    }

    @inline(__always)
    mutating func integer(_ n: Int64) {
        reserve(20)
        if n < 0 {
            base[count] = 0x2d
            count += 1
        }
        var m = n.magnitude
        var width = 1, limit: UInt64 = 10  // 19 digits at most (10^19 still fits)
        while width < 19, m >= limit {
            width += 1
            limit *= 10
        }
        var i = count + width - 1
        repeat {
            base[i] = 0x30 + UInt8(m % 10)
            m /= 10
            i -= 1
        } while m > 0
        count += width
    }

    private static let powers: [Int64] = (0...12).map { (0..<$0).reduce(1) { x, _ in x * 10 } }

    /// `x` with at most `digits` decimals (rounded half away from zero), trailing zeros dropped
    /// (`12.5`, `3`); null when not finite. The same digits as ``Format/fixed(_:digits:)``.
    mutating func number(_ x: Double, digits: Int) {
        guard x.isFinite else {
            raw("null")
            return
        }
        let digits = min(max(digits, 0), 12)
        let power = Self.powers[digits]
        let y = abs(x) * Double(power)
        // Below 2^53 the integer part converts exactly and `y - n` is exact: rounding by hand.
        var n = y < 9e15 ? Int64(y) : .max
        if n != .max, y - Double(n) >= 0.5 { n += 1 }
        guard abs(x) < 1e15, n < 9_000_000_000_000_000 else {
            raw(Array(Format.fixed(x, digits: digits).utf8))
            return
        }
        if x < 0, n != 0 { append(0x2d) }
        integer(n / power)
        let fraction = n % power
        guard fraction > 0 else { return }
        // The decimals in full, then the trailing zeros taken back.
        reserve(digits + 1)
        base[count] = 0x2e
        var f = UInt64(fraction)
        for i in stride(from: count + digits, to: count, by: -1) {
            base[i] = 0x30 + UInt8(f % 10)
            f /= 10
        }
        count += digits + 1
        while base[count - 1] == 0x30 { count -= 1 }
    }

    /// `"YYYY-MM-DDTHH:MM:SS.mmmZ"` (quotes included), as ``RFC3339/string(fromSeconds:fractionDigits:)``
    /// with 3 digits writes it.
    mutating func time(_ seconds: Double) {
        guard seconds.isFinite, abs(seconds) < 1e13 else {
            raw("\"invalid time\"")
            return
        }
        let ticks = Int((seconds * 1000).rounded(.down))
        var days = ticks / 86_400_000, rest = ticks % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        if days != day {
            day = days
            let text = RFC3339.string(fromSeconds: Double(days) * 86_400)
            datePrefix = Array(text.utf8.prefix(11))  // YYYY-MM-DDT
        }
        append(0x22)
        raw(datePrefix)
        let whole = rest / 1000, millis = rest % 1000
        two(whole / 3600)
        append(0x3a)
        two(whole / 60 % 60)
        append(0x3a)
        two(whole % 60)
        append(0x2e)
        append(0x30 + UInt8(millis / 100))
        append(0x30 + UInt8(millis / 10 % 10))
        append(0x30 + UInt8(millis % 10))
        append(0x5a)
        append(0x22)
    }

    @inline(__always)
    private mutating func two(_ n: Int) {
        append(0x30 + UInt8(n / 10))
        append(0x30 + UInt8(n % 10))
    }
}
