#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopSystem

/// Used by one thread at a time.
///
/// Reads NDJSON from a stream (standard input, a pipe) until it closes, with blocking reads, so
/// `ssh node tail -F app.jsonl | modeltop watch -` works.
///
/// Each read is decoded and delivered at once: a slow stream is seen line by line, a fast one
/// in batches of up to one read buffer.
public final class StreamReader: @unchecked Sendable {
    private let descriptor: Int32
    private let source: Symbol
    private let sourceName: String
    private let decoder: EventDecoder
    private let buffer = ReadBuffer()
    private var reader = LineReader()
    private let take: () -> DecodedBatch?
    private let deliver: (DecodedBatch) -> Void
    private let timeRange: ClosedRange<Double>?

    /// True once the stream has closed (or reading failed) and everything was delivered.
    public private(set) var isFinished = false

    public init(
        descriptor: Int32, name: String, mapping: FieldMapping, symbols: SymbolTable, timeRange: ClosedRange<Double>? = nil,
        take: @escaping () -> DecodedBatch?, deliver: @escaping (DecodedBatch) -> Void
    ) {
        self.timeRange = timeRange
        self.descriptor = descriptor
        self.sourceName = name
        self.source = symbols.intern(name)
        self.decoder = EventDecoder(mapping: mapping, symbols: symbols)
        self.take = take
        self.deliver = deliver
    }

    /// Blocks for one read and delivers what it decoded. Returns false once finished.
    /// - Parameter now: the wall-clock time, for lines without `ts`.
    @discardableResult
    public func step(now: () -> Double) -> Bool {
        guard !isFinished, let batch = take() else {
            isFinished = true
            return false
        }
        let context = EventDecoder.Context(node: source, sourceName: sourceName, arrivalTime: now(), timeRange: timeRange)
        var failure: SystemError?
        let n = reader.pump(buffer: buffer, decoder: decoder, context: context, into: batch, source: source) { target in
            do throws(SystemError) {
                return try SystemCall.run("read", sourceName) { Glibc.read(descriptor, target.baseAddress, target.count) }
            } catch {
                failure = error
                return -1
            }
        }
        if n <= 0 {
            if let failure {
                batch.notices.append(SourceNotice(.warning, "reading \(failure)"))
            }
            let context = EventDecoder.Context(node: source, sourceName: sourceName, arrivalTime: now(), timeRange: timeRange)
            reader.finish(buffer: buffer, decoder: decoder, context: context, into: batch, source: source)
            batch.finishedSources.append(source)
            isFinished = true
        }
        deliver(batch)
        return !isFinished
    }
}
