import Foundation

/// The functions of scenario expressions: arithmetic, and the distributions values are drawn
/// from.
public enum SynthFunction: String, Sendable, CaseIterable {
    case log, exp, sqrt, abs, floor, ceil, round, min, max, clamp, sigmoid
    /// `uniform()` in [0, 1), `uniform(a, b)` in [a, b).
    case uniform
    /// `normal()`, `normal(mean, sd)`.
    case normal
    /// `lognormal(mu, sigma)`: exp of a normal.
    case lognormal
    /// `exponential(mean)`.
    case exponential
    case poisson
    /// `bernoulli(p)`: 1 with probability p, else 0.
    case bernoulli
    /// `pareto(scale, shape)`.
    case pareto
    /// `integer(low, high)`: uniform over the integers in [low, high].
    case integer
    /// `choice(value, weight, value, weight, ...)`: one of the values, by weight.
    case choice
    /// `pick(a, b, ...)`: one of the values, uniformly.
    case pick
    /// Internal: a value as 1 or 0 (the last operand of `&&`/`||`).
    case truth

    static var listed: String {
        allCases.filter { $0 != .truth }.map { $0.rawValue }.joined(separator: ", ")
    }

    var arities: ClosedRange<Int> {
        switch self {
        case .log, .exp, .sqrt, .abs, .floor, .ceil, .sigmoid, .exponential, .poisson, .bernoulli, .truth: 1...1
        case .round: 1...2
        case .min, .max: 2...16
        case .clamp: 3...3
        case .uniform, .normal: 0...2
        case .lognormal, .pareto, .integer: 2...2
        case .choice: 2...64
        case .pick: 1...64
        }
    }

    var aritiesText: String {
        arities.count == 1 ? "\(arities.lowerBound)" : "\(arities.lowerBound) to \(arities.upperBound)"
    }

    /// Applies the function to the `arity` values at `arguments`.
    @inline(__always)
    func call(_ arguments: UnsafeMutablePointer<SynthValue>, arity: Int, random: inout SynthRandom) -> SynthValue {
        func x(_ i: Int) -> Double { arguments[i].number }
        switch self {
        case .log: return .number(Foundation.log(x(0)))
        case .exp: return .number(Foundation.exp(x(0)))
        case .sqrt: return .number(x(0).squareRoot())
        case .abs: return .number(Swift.abs(x(0)))
        case .floor: return .number(x(0).rounded(.down))
        case .ceil: return .number(x(0).rounded(.up))
        case .round:
            guard arity == 2 else { return .number(x(0).rounded()) }
            let scale = Foundation.pow(10, x(1))
            return .number((x(0) * scale).rounded() / scale)
        case .min:
            var m = x(0)
            for i in 1..<arity where x(i) < m { m = x(i) }
            return .number(m)
        case .max:
            var m = x(0)
            for i in 1..<arity where m < x(i) { m = x(i) }
            return .number(m)
        case .clamp: return .number(Swift.min(Swift.max(x(0), x(1)), x(2)))
        case .sigmoid: return .number(1 / (1 + Foundation.exp(-x(0))))
        case .uniform:
            let u = random.uniform()
            return .number(arity == 2 ? x(0) + (x(1) - x(0)) * u : u)
        case .normal:
            let z = random.normal()
            return .number(arity == 2 ? x(0) + x(1) * z : arity == 1 ? x(0) + z : z)
        case .lognormal: return .number(Foundation.exp(x(0) + x(1) * random.normal()))
        case .exponential: return .number(random.exponential(mean: x(0)))
        case .poisson: return .number(random.poisson(x(0)))
        case .bernoulli: return .number(random.uniform() < x(0) ? 1 : 0)
        case .pareto: return .number(random.pareto(scale: x(0), shape: x(1)))
        case .integer: return .number(random.integer(x(0), x(1)))
        case .choice:
            var total = 0.0
            for i in stride(from: 1, to: arity, by: 2) { total += Swift.max(0, x(i)) }
            var u = random.uniform() * total
            for i in stride(from: 0, to: arity, by: 2) {
                u -= Swift.max(0, x(i + 1))
                if u < 0 { return arguments[i] }
            }
            return arguments[arity - 2]
        case .pick:
            return arguments[Int(random.next().multipliedFullWidth(by: UInt64(arity)).high)]
        case .truth: return .number(arguments[0].isTrue ? 1 : 0)
        }
    }
}
