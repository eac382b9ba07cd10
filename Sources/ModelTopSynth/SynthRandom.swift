import Foundation
import ModelTopCore

/// The scenario's random source: SplitMix64 and the distributions scenarios draw from, each a
/// fixed sequence of draws (the same seed gives the same values on every machine with the same
/// libm).
public struct SynthRandom: Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    @inline(__always)
    public mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1).
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal (Box–Muller, one value per two draws).
    public mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    public mutating func exponential(mean: Double) -> Double { -mean * log(max(uniform(), 1e-300)) }

    /// Poisson by multiplication of uniforms (small means), by a rounded normal past 50.
    public mutating func poisson(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 0 }
        if lambda > 50 { return max(0, (lambda + lambda.squareRoot() * normal()).rounded()) }
        let limit = exp(-lambda)
        var k = 0.0, p = 1.0
        while true {
            p *= uniform()
            if p <= limit { return k }
            k += 1
        }
    }

    /// Pareto with scale `xm` and shape `alpha`.
    public mutating func pareto(scale xm: Double, shape alpha: Double) -> Double {
        xm / pow(max(1 - uniform(), 1e-300), 1 / alpha)
    }

    /// An integer in [low, high].
    public mutating func integer(_ low: Double, _ high: Double) -> Double {
        let lo = low.rounded(.up), hi = high.rounded(.down)
        guard hi > lo else { return lo }
        return lo + Double(next().multipliedFullWidth(by: UInt64(hi - lo + 1)).high)
    }
}
