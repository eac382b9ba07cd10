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

    private func equals(_ entry: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = Int(offsets[entry]), end = Int(offsets[entry + 1])
        guard end - start == key.count else { return false }
        if key.isEmpty { return true }
        return bytes.withUnsafeBytes { stored in
            Self.equal(stored.baseAddress! + start, key.baseAddress!, count: key.count)
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

    /// A 64-bit hash of the bytes, eight at a time, finished with ``Mixer`` so the low bits
    /// index well.
    @inlinable
    public static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return Mixer.mix(h) }
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
            h ^= h >> 29
            i += 8
        }
        if i < key.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < key.count {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x9e37_79b9_7f4a_7c15
        }
        return Mixer.mix(h)
    }
}

extension ByteStringIndex {
    /// True when the `count` bytes at `a` and `b` are equal; for short keys, faster than a call
    /// to `memcmp`.
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
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
}
