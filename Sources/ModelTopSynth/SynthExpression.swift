import Foundation
import ModelTopText

/// A scenario expression (`"0.9 * log(amount) - 4.4 + 0.8 * (device == 'web')"`), compiled to a
/// small stack program once and evaluated for every event.
///
/// Numbers, 'strings' (categories), names of earlier values (a model's features in order, then
/// `signal`, `score`, `prediction`; `t`: hours since the start; `hour`: hour of the day),
/// `+ - * / % ^`, comparisons (`==` also between categories), `&& || !`, `c ? a : b` (only the
/// branch taken is evaluated, so draws stay aligned), and the functions of
/// ``SynthFunction``. Comparisons and `bernoulli` give 1 or 0.
public struct SynthExpression: Sendable {
    enum Op: Sendable {
        case constant(SynthValue)
        case load(Int)
        case negate, not
        case add, subtract, multiply, divide, remainder, power
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        /// Jumps to the index when the top of the stack is false; pops it.
        case jumpIfFalse(Int)
        case jump(Int)
        /// Leaves its argument for the other branch: `&&` / `||` short-circuit.
        case jumpIfFalseKeep(Int), jumpIfTrueKeep(Int)
        case call(SynthFunction, Int)
    }

    let ops: [Op]
    /// The text it was compiled from.
    public let source: String

    /// Compiles `source`; `names` gives the slot of each name it may use, `strings` interns its
    /// categories.
    /// - Throws: ``SynthError`` saying what is wrong and where.
    public init(_ source: String, names: [String: Int], strings: StringTable) throws(SynthError) {
        self.source = source
        var parser = Parser(text: Array(source.utf8), names: names, strings: strings)
        try parser.parse()
        ops = parser.ops
    }

    /// A constant expression.
    init(constant: Double) {
        source = Format.fixed(constant, digits: 6)
        ops = [.constant(.number(constant))]
    }

    /// Evaluates with `slots` as the values of names (for tests and one-off values; the
    /// generator runs the ops from its compiled plan with ``run(_:count:slots:stack:random:)``).
    /// - Complexity: O(ops).
    public func evaluate(_ slots: [SynthValue], random: inout SynthRandom, stack: inout [SynthValue]) -> SynthValue {
        if stack.count < ops.count { stack = Array(repeating: .number(0), count: ops.count) }
        return ops.withUnsafeBufferPointer { ops in
            slots.withUnsafeBufferPointer { slots in
                stack.withUnsafeMutableBufferPointer { stack in
                    Self.run(ops.baseAddress!, count: ops.count, slots: slots.baseAddress ?? UnsafePointer(stack.baseAddress!),
                             stack: stack.baseAddress!, random: &random)
                }
            }
        }
    }

    /// Runs the `count` ops at `ops` with `slots` as the values of names, on `stack`, which has
    /// room for `count` values (an op pushes at most one, and jumps only go forward).
    /// - Complexity: O(count), no allocation, no reference counting.
    @inline(__always)
    static func run(_ ops: UnsafePointer<Op>, count: Int, slots: UnsafePointer<SynthValue>,
                    stack: UnsafeMutablePointer<SynthValue>, random: inout SynthRandom) -> SynthValue {
        var top = 0  // values on the stack
        var pc = 0
        @inline(__always) func binary(_ f: (Double, Double) -> Double) {
            top -= 1
            stack[top - 1] = .number(f(stack[top - 1].number, stack[top].number))
        }
        while pc < count {
            switch ops[pc] {
            case .constant(let v):
                stack[top] = v
                top += 1
            case .load(let slot):
                stack[top] = slots[slot]
                top += 1
            case .negate: stack[top - 1] = .number(-stack[top - 1].number)
            case .not: stack[top - 1] = .number(stack[top - 1].isTrue ? 0 : 1)
            case .add: binary { $0 + $1 }
            case .subtract: binary { $0 - $1 }
            case .multiply: binary { $0 * $1 }
            case .divide: binary { $0 / $1 }
            case .remainder: binary { $0.truncatingRemainder(dividingBy: $1) }
            case .power: binary { pow($0, $1) }
            case .equal:
                top -= 1
                stack[top - 1] = .number(stack[top - 1] == stack[top] ? 1 : 0)
            case .notEqual:
                top -= 1
                stack[top - 1] = .number(stack[top - 1] == stack[top] ? 0 : 1)
            case .less: binary { $0 < $1 ? 1 : 0 }
            case .lessOrEqual: binary { $0 <= $1 ? 1 : 0 }
            case .greater: binary { $0 > $1 ? 1 : 0 }
            case .greaterOrEqual: binary { $0 >= $1 ? 1 : 0 }
            case .jumpIfFalse(let target):
                top -= 1
                if !stack[top].isTrue {
                    pc = target
                    continue
                }
            case .jump(let target):
                pc = target
                continue
            case .jumpIfFalseKeep(let target):
                if !stack[top - 1].isTrue {
                    stack[top - 1] = .number(0)
                    pc = target
                    continue
                }
                top -= 1
            case .jumpIfTrueKeep(let target):
                if stack[top - 1].isTrue {
                    stack[top - 1] = .number(1)
                    pc = target
                    continue
                }
                top -= 1
            case .call(let function, let arity):
                let base = top - arity
                stack[base] = function.call(stack + base, arity: arity, random: &random)
                top = base + 1
            }
            pc += 1
        }
        return top > 0 ? stack[top - 1] : .number(.nan)
    }
}

/// Interned category strings of a scenario.
public final class StringTable: @unchecked Sendable {
    public private(set) var strings: [String] = []
    private var index: [String: Int] = [:]

    public init() {}

    public func intern(_ s: String) -> Int {
        if let i = index[s] { return i }
        strings.append(s)
        index[s] = strings.count - 1
        return strings.count - 1
    }
}

extension SynthExpression {
    /// Recursive descent over the bytes of the source, emitting ops as it goes.
    struct Parser {
        let text: [UInt8]
        let names: [String: Int]
        let strings: StringTable
        var position = 0
        var ops: [Op] = []

        mutating func parse() throws(SynthError) {
            try ternary()
            skipSpace()
            guard position == text.count else { throw error("unexpected '\(rest)'") }
        }

        var rest: String { String(decoding: text[position...].prefix(12), as: UTF8.self) }

        func error(_ message: String) -> SynthError {
            SynthError("\(message) at column \(position + 1) of \"\(String(decoding: text, as: UTF8.self))\"")
        }

        mutating func skipSpace() {
            while position < text.count, text[position] == 0x20 || text[position] == 0x09 { position += 1 }
        }

        /// Consumes `token` when it comes next.
        mutating func take(_ token: String) -> Bool {
            skipSpace()
            let bytes = Array(token.utf8)
            guard position + bytes.count <= text.count, Array(text[position..<position + bytes.count]) == bytes else { return false }
            // `<` is not the start of `<=`, `=` alone is no operator.
            if bytes.count == 1, position + 1 < text.count, text[position + 1] == 0x3d, "<>!=".utf8.contains(bytes[0]) { return false }
            position += bytes.count
            return true
        }

        mutating func ternary() throws(SynthError) {
            try or()
            guard take("?") else { return }
            let jumpFalse = ops.count
            ops.append(.jumpIfFalse(0))
            try ternary()
            let jumpEnd = ops.count
            ops.append(.jump(0))
            guard take(":") else { throw error("expected ':'") }
            ops[jumpFalse] = .jumpIfFalse(ops.count)
            try ternary()
            ops[jumpEnd] = .jump(ops.count)
        }

        mutating func or() throws(SynthError) {
            try shortCircuit("||", Op.jumpIfTrueKeep) { (p: inout Parser) throws(SynthError) in try p.and() }
        }

        mutating func and() throws(SynthError) {
            try shortCircuit("&&", Op.jumpIfFalseKeep) { (p: inout Parser) throws(SynthError) in try p.comparison() }
        }

        /// `operand (token operand)*` with short circuits: `jump` skips the right operand when the
        /// left one decides (leaving the left's truth); otherwise the right operand's truth is
        /// the result.
        mutating func shortCircuit(_ token: String, _ jump: (Int) -> Op,
                                   operand: (inout Parser) throws(SynthError) -> Void) throws(SynthError) {
            try operand(&self)
            while take(token) {
                let at = ops.count
                ops.append(jump(0))
                try operand(&self)
                ops.append(.call(.truth, 1))
                ops[at] = jump(ops.count)
            }
        }

        mutating func comparison() throws(SynthError) {
            try additive()
            let operators: [(String, Op)] = [("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual),
                                             ("<", .less), (">", .greater)]
            for (token, op) in operators where take(token) {
                try additive()
                ops.append(op)
                return
            }
        }

        mutating func additive() throws(SynthError) {
            try multiplicative()
            while true {
                if take("+") { try multiplicative(); ops.append(.add) }
                else if take("-") { try multiplicative(); ops.append(.subtract) }
                else { return }
            }
        }

        mutating func multiplicative() throws(SynthError) {
            try unary()
            while true {
                if take("*") { try unary(); ops.append(.multiply) }
                else if take("/") { try unary(); ops.append(.divide) }
                else if take("%") { try unary(); ops.append(.remainder) }
                else { return }
            }
        }

        mutating func unary() throws(SynthError) {
            if take("-") { try unary(); ops.append(.negate); return }
            if take("!") { try unary(); ops.append(.not); return }
            try power()
        }

        mutating func power() throws(SynthError) {
            try atom()
            if take("^") {
                try unary()
                ops.append(.power)
            }
        }

        mutating func atom() throws(SynthError) {
            skipSpace()
            guard position < text.count else { throw error("expected a value") }
            let c = text[position]
            if take("(") {
                try ternary()
                guard take(")") else { throw error("expected ')'") }
                return
            }
            if c == 0x27 || c == 0x22 {  // 'string' or "string"
                position += 1
                let start = position
                while position < text.count, text[position] != c { position += 1 }
                guard position < text.count else { throw error("unterminated string") }
                let s = String(decoding: text[start..<position], as: UTF8.self)
                position += 1
                ops.append(.constant(.string(strings.intern(s))))
                return
            }
            if (0x30...0x39).contains(c) || c == 0x2e {
                let start = position
                while position < text.count, (0x30...0x39).contains(text[position]) || text[position] == 0x2e
                    || text[position] == 0x65 || text[position] == 0x45
                    || ((text[position] == 0x2d || text[position] == 0x2b) && position > start
                        && (text[position - 1] == 0x65 || text[position - 1] == 0x45))
                {
                    position += 1
                }
                guard let x = Double(String(decoding: text[start..<position], as: UTF8.self)) else {
                    throw error("bad number")
                }
                ops.append(.constant(.number(x)))
                return
            }
            guard c == 0x5f || (0x41...0x5a).contains(c) || (0x61...0x7a).contains(c) else { throw error("unexpected '\(rest)'") }
            let start = position
            while position < text.count,
                text[position] == 0x5f || (0x41...0x5a).contains(text[position]) || (0x61...0x7a).contains(text[position])
                    || (0x30...0x39).contains(text[position])
            {
                position += 1
            }
            let name = String(decoding: text[start..<position], as: UTF8.self)
            if take("(") {
                guard let function = SynthFunction(rawValue: name), function != .truth else {
                    throw error("unknown function \(name)() (functions: \(SynthFunction.listed))")
                }
                var arity = 0
                if !take(")") {
                    repeat {
                        try ternary()
                        arity += 1
                    } while take(",")
                    guard take(")") else { throw error("expected ')' after the arguments of \(name)()") }
                }
                guard function.arities.contains(arity) else {
                    throw error("\(name)() takes \(function.aritiesText) arguments, not \(arity)")
                }
                if function == .choice, arity % 2 != 0 { throw error("choice() takes value, weight pairs") }
                ops.append(.call(function, arity))
                return
            }
            switch name {
            case "true": ops.append(.constant(.number(1)))
            case "false": ops.append(.constant(.number(0)))
            default:
                guard let slot = names[name] else {
                    let known = names.keys.sorted().joined(separator: ", ")
                    throw error("unknown name \(name) (here: \(known.isEmpty ? "none" : known))")
                }
                ops.append(.load(slot))
            }
        }
    }
}
