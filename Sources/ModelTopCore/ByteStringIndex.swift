/// An open-addressing hash set of byte strings, numbered in insertion order.
///
/// Lookups take a raw buffer and allocate nothing, so interning a name that is already known
/// costs one hash and one comparison.
/// - Complexity: `index(of:)` and `insert(_:)` are O(length) expected.
public struct ByteStringIndex: Sendable {
    private var bytes: [UInt8] = []
    private var offsets: [UInt32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    public init() {}

    /// The number of strings stored.
    public var count: Int { hashes.count }

    /// Total bytes of all strings stored.
    public var byteCount: Int { bytes.count }

    /// The position of `key`, or nil when it was never inserted.
    @inlinable
    public func index(of key: UnsafeRawBufferPointer) -> Int? {
        index(of: key, hash: Self.hash(key))
    }

    @usableFromInline
    func index(of key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash && equals(entry, key) { return entry }
            slot = (slot + 1) & mask
        }
    }

    /// The position of `key`, inserting it at the end when new.
    @discardableResult
    public mutating func insert(_ key: UnsafeRawBufferPointer) -> Int {
        let hash = Self.hash(key)
        if let found = index(of: key, hash: hash) { return found }
        let entry = hashes.count
        hashes.append(hash)
        bytes.append(contentsOf: key)
        offsets.append(UInt32(bytes.count))
        if (entry + 1) * 4 > slots.count * 3 {
            grow()
        } else {
            place(entry, hash: hash)
        }
        return entry
    }

    /// The bytes of the string at `position`.
    public func withBytes<R>(at position: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = Int(offsets[position]), end = Int(offsets[position + 1])
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    private func equals(_ entry: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = Int(offsets[entry]), end = Int(offsets[entry + 1])
        guard end - start == key.count else { return false }
        if key.isEmpty { return true }
        return bytes.withUnsafeBytes { stored in
            memcmpBytes(stored.baseAddress! + start, key.baseAddress!, key.count)
        }
    }

    private mutating func place(_ entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for entry in hashes.indices { place(entry, hash: hashes[entry]) }
    }

    /// FNV-1a over the bytes, finished with a 64-bit mixer so the low bits index well.
    @inlinable
    public static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}

@inline(__always)
private func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
