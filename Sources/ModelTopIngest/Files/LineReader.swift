#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore

/// Splits a byte stream into lines across reads and hands whole lines to an ``EventDecoder``.
///
/// Keeps the partial last line between reads. A partial line that grows past the line limit is
/// counted as one malformed line and dropped, along with the rest of it up to its newline, so an
/// endless line is never buffered whole.
public struct LineReader: Sendable {
    private var pending: [UInt8] = []
    /// True while dropping the rest of an overlong line (or, at a backlog start, a cut line).
    private var skipping = false
    /// The stream's latest event time: lines without `ts` take it (see ``EventDecoder``).
    public var sourceTime: Double?
    /// True before the first read of a stream that starts at its beginning: a UTF-8 byte order
    /// mark there is skipped.
    public var atStart = false

    public init() {}

    /// Bytes of an unfinished last line held back.
    public var pendingCount: Int { pending.count }

    /// Starts in the middle of a line: drops everything up to the first newline.
    public mutating func skipToNextLine() {
        pending.removeAll()
        skipping = true
    }

    /// Forgets the partial line (after a truncation).
    public mutating func reset() {
        pending.removeAll()
        skipping = false
    }

    /// Reads once with `read` (which fills the buffer it is given and returns the count, 0 at the
    /// end, or -1) and decodes the whole lines now available.
    /// - Returns: what `read` returned.
    /// - Complexity: O(bytes read + pending).
    public mutating func pump(
        buffer: ReadBuffer, decoder: EventDecoder, context: EventDecoder.Context, into batch: DecodedBatch,
        source: Symbol, read: (UnsafeMutableRawBufferPointer) -> Int
    ) -> Int {
        let held = pending.count
        pending.withUnsafeBytes { bytes in
            if let from = bytes.baseAddress { buffer.base.copyMemory(from: from, byteCount: held) }
        }
        let n = read(UnsafeMutableRawBufferPointer(start: buffer.base + held, count: buffer.chunkSize))
        guard n > 0 else { return n }
        batch[statisticsOf: source].bytes += n
        var start = held
        let end = held + n
        var bomLength = 0
        if atStart {
            atStart = false
            let b = buffer.base.assumingMemoryBound(to: UInt8.self)
            if held == 0 && n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf { bomLength = 3 }
        }
        if skipping {
            guard let newline = memchr(buffer.base + held, 0x0a, n) else {
                pending.removeAll(keepingCapacity: true)
                return n
            }
            start = buffer.base.distance(to: newline) + 1
            skipping = false
        } else {
            start = bomLength
        }
        let region = UnsafeMutableRawPointer(buffer.base + start)
        if let last = lastNewline(in: UnsafeRawBufferPointer(start: region, count: end - start)) {
            let lineEnd = start + last + 1
            decode(UnsafeRawBufferPointer(start: region, count: lineEnd - start),
                   decoder: decoder, context: context, batch: batch, source: source)
            start = lineEnd
        }
        pending.removeAll(keepingCapacity: true)
        pending.append(contentsOf: UnsafeRawBufferPointer(start: buffer.base + start, count: end - start))
        if pending.count > buffer.lineLimit {
            batch[statisticsOf: source].lines += 1
            batch[statisticsOf: source].malformed += 1
            pending.withUnsafeBytes { head in
                batch.malformed.append(MalformedLine(source: context.sourceName, reason: .tooLong, line: head))
            }
            pending.removeAll()
            skipping = true
        }
        return n
    }

    /// Decodes the partial last line, if any, as a whole line (at the end of a file that is not
    /// followed any more, or a stream that closed).
    public mutating func finish(
        buffer: ReadBuffer, decoder: EventDecoder, context: EventDecoder.Context, into batch: DecodedBatch,
        source: Symbol
    ) {
        defer { reset() }
        guard !pending.isEmpty, !skipping else { return }
        let count = pending.count
        pending.withUnsafeBytes { buffer.base.copyMemory(from: $0.baseAddress!, byteCount: count) }
        // Whatever follows in the buffer is readable padding; end the line explicitly.
        buffer.base.storeBytes(of: 0x0a, toByteOffset: count, as: UInt8.self)
        decode(UnsafeRawBufferPointer(start: buffer.base, count: count), decoder: decoder, context: context,
               batch: batch, source: source)
    }

    /// The offset of the last `\n` in `bytes`; lines are short, so scanning back is cheap.
    private func lastNewline(in bytes: UnsafeRawBufferPointer) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            if bytes[i] == 0x0a { return i }
            i -= 1
        }
        return nil
    }

    private mutating func decode(
        _ lines: UnsafeRawBufferPointer, decoder: EventDecoder, context: EventDecoder.Context, batch: DecodedBatch,
        source: Symbol
    ) {
        decoder.decode(lines, context: context, sourceTime: &sourceTime, into: &batch.events,
                       statistics: &batch[statisticsOf: source], malformed: &batch.malformed)
    }
}
