import Foundation

/// The sample generator of scripts/make-fixtures.py (`lcg_sample`), so that large fixture
/// samples need not be stored: a 64-bit LCG, u in [0, 1), then shift + scale * u^power,
/// floored to a multiple of `step`.
struct FixtureSample: Decodable {
    var seed: UInt64
    var n: Int
    var scale: Double = 1
    var shift: Double = 0
    var step: Double = 0
    var power: Double = 1

    enum CodingKeys: String, CodingKey { case seed, n, scale, shift, step, power }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decode(UInt64.self, forKey: .seed)
        n = try c.decode(Int.self, forKey: .n)
        scale = try c.decodeIfPresent(Double.self, forKey: .scale) ?? 1
        shift = try c.decodeIfPresent(Double.self, forKey: .shift) ?? 0
        step = try c.decodeIfPresent(Double.self, forKey: .step) ?? 0
        power = try c.decodeIfPresent(Double.self, forKey: .power) ?? 1
    }

    var values: [Double] {
        var x = seed
        var out: [Double] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = Double(x >> 11) / 9_007_199_254_740_992.0
            var v = shift + scale * (power == 1 ? u : pow(u, power))
            if step > 0 { v = (v / step).rounded(.down) * step }
            out.append(v)
        }
        return out
    }
}

/// A fixture sample: stored values, or generator parameters.
enum SampleSpec: Decodable {
    case values([Double])
    case generated(FixtureSample)

    init(from decoder: Decoder) throws {
        if let values = try? [Double](from: decoder) {
            self = .values(values)
        } else {
            self = .generated(try FixtureSample(from: decoder))
        }
    }

    var values: [Double] {
        switch self {
        case .values(let v): v
        case .generated(let g): g.values
        }
    }
}

/// Reads a file from this test target's Fixtures folder.
func fixture<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name)
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// True when `a` and `b` agree within `relative` (of the larger magnitude) or `absolute`.
func close(_ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 0) -> Bool {
    if a == b { return true }
    return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}
