import Foundation
import FuzzSupport
import ModelTopIngest
import ModelTopText

/// One input is read three ways: as text for RFC 3339 times, durations and sizes; as text for
/// the sanitizer (with a limit from its first byte); and as 8-byte doubles for every number
/// formatter. Checks: parsed times and durations are finite; sanitized text holds no control
/// characters and at most `limit` characters plus the ellipsis; formatters accept any Double.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let seconds = RFC3339.seconds(text) { check(seconds.isFinite, "RFC 3339 \(seconds)") }
    if let seconds = RFC3339.seconds(UnsafeRawBufferPointer(bytes)) { check(seconds.isFinite, "RFC 3339 bytes \(seconds)") }
    if let seconds = Units.seconds(text) {
        check(seconds.isFinite && seconds >= 0, "duration \(seconds)")
        _ = Units.text(seconds: seconds)
    }
    if let count = Units.bytes(text) {
        check(count >= 0, "size \(count)")
        _ = Units.text(bytes: count)
    }

    let limit = size > 0 ? Int(bytes[0]) : 10
    let clean = Sanitizer.sanitize(UnsafeRawBufferPointer(bytes), limit: limit)
    check(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7f..<0xa0).contains($0.value) || $0.value == 0xfeff },
          "the sanitizer kept a control character")
    check(clean.count <= limit + 1, "sanitized to \(clean.count) characters, limit \(limit)")
    _ = DisplayWidth.of(clean)

    var offset = 0
    while offset + 8 <= size {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        let x = Double(bitPattern: bits)
        for s in [Format.shortest(x), Format.scientific(x), Format.compact(x), Format.percent(x), Format.stat(x),
                  Format.pValue(x), Format.milliseconds(x), Format.age(x), Format.clock(x), Format.dateTime(x),
                  Format.fixed(x, digits: Int(bits % 7)), RFC3339.string(fromSeconds: x, fractionDigits: Int(bits % 4))] {
            check(!s.isEmpty, "empty text for \(x)")
        }
    }
    return 0
}
