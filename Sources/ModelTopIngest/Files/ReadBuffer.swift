import CSimdjson

/// Raw memory a reader thread reads into: room for the longest allowed line, one read, and the
/// padding simdjson needs after the data.
public final class ReadBuffer {
    /// Bytes one read asks for.
    public let chunkSize: Int
    /// Bytes of a partial line kept across reads before it is dropped as too long.
    public let lineLimit: Int
    let base: UnsafeMutableRawPointer

    /// Padding simdjson may read past the end of the data.
    public static let padding = Int(MT_PADDING)

    public init(chunkSize: Int = 1 << 20, lineLimit: Int = EventDecoder.lineLimit) {
        self.chunkSize = chunkSize
        self.lineLimit = lineLimit
        let capacity = lineLimit + chunkSize + 1 + ReadBuffer.padding
        // Not filled: the padding after the data may hold anything (CSimdjson.h), and after the
        // first read it holds earlier bytes anyway. Filling 2 MiB faulted in every page of it,
        // ~1 ms of each report's start (and of each file source's), for nothing.
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    }

    deinit {
        base.deallocate()
    }
}
