/// Checks `Authorization: Bearer TOKEN` against the configured token in constant time (the
/// time does not depend on where the first difference is).
struct BearerToken: Sendable {
    let expected: [UInt8]

    init(_ token: String) {
        expected = Array(token.utf8)
    }

    /// Whether `header` (the Authorization header's value) carries the token.
    func accepts(_ header: String?) -> Bool {
        guard let header else { return false }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix else { return false }
        let given = Array(header.utf8.dropFirst(prefix.utf8.count))
        var difference = UInt8(truncatingIfNeeded: given.count ^ expected.count)
        for i in 0..<max(given.count, expected.count) {
            let a = i < given.count ? given[i] : 0
            let b = i < expected.count ? expected[i] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
