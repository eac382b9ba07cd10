import ModelTopCore

extension VersionComparison {
    /// The comparison in one line, most telling test first:
    /// `v2: accuracy -3.1 pts vs v1 (95% CI -4.0 to -2.2), p = 0.002; predictions KS p < 0.001; p99 x1.8`.
    public func verdict(candidate: Symbol, _ name: (Symbol) -> String) -> String {
        let c = Sanitizer.sanitize(name(candidate), limit: 32), b = Sanitizer.sanitize(name(baseline), limit: 32)
        var parts: [String] = []
        if let a = accuracy {
            parts.append("accuracy \(Self.signed(a.difference * 100)) pts vs \(b) (95% CI \(Self.signed(a.low * 100)) to "
                         + "\(Self.signed(a.high * 100))), p = \(Format.pValue(a.pValue))")
        } else if let m = mae {
            parts.append("MAE \(Self.signed(m.difference)) vs \(b) (95% CI \(Self.signed(m.low)) to \(Self.signed(m.high))), "
                         + "p = \(Format.pValue(m.pValue))")
        } else {
            parts.append("no labels to compare with \(b) yet")
        }
        switch predictions {
        case .ks(let d, let p)?: parts.append("predictions KS D \(Format.stat(d)), p = \(Format.pValue(p))")
        case .chiSquare(_, let p, _)?: parts.append("predictions chi-square p = \(Format.pValue(p))")
        case nil: break
        }
        if let r = p99Ratio { parts.append("p99 x\(Format.fixed(r, digits: 2))") }
        return "\(c): " + parts.joined(separator: "; ")
    }

    /// `+1.2`, `-3.1`, `0.0` (one decimal for points, three significant places otherwise).
    static func signed(_ x: Double) -> String {
        let text = abs(x) >= 1 || x == 0 ? Format.fixed(x, digits: 1) : Format.fixed(x, digits: 3)
        return x > 0 ? "+" + text : text
    }
}
