import Foundation
import Testing
import ModelTopText
@testable import ModelTopSynth

@Suite struct SynthExpressionTests {
    func value(_ text: String, _ slots: [SynthValue] = [], names: [String: Int] = [:], seed: UInt64 = 1) throws -> SynthValue {
        let strings = StringTable()
        let e = try SynthExpression(text, names: names, strings: strings)
        var random = SynthRandom(seed: seed)
        var stack: [SynthValue] = []
        return e.evaluate(slots, random: &random, stack: &stack)
    }

    @Test func arithmeticAndPrecedence() throws {
        #expect(try value("1 + 2 * 3") == .number(7))
        #expect(try value("(1 + 2) * 3") == .number(9))
        #expect(try value("2 ^ 3 ^ 2") == .number(512))  // right-associative
        #expect(try value("-2 ^ 2") == .number(-4))
        #expect(try value("7 % 4 + 10 / 4") == .number(5.5))
        #expect(try value("1 < 2 && 3 >= 3") == .number(1))
        #expect(try value("0 || 0") == .number(0))
        // Short circuits: the result is a truth, 1 or 0, whichever side decides.
        #expect(try value("2 || 0") == .number(1))
        #expect(try value("3 && 0") == .number(0))
        #expect(try value("0 || 3") == .number(1))
        #expect(try value("0 && 5") == .number(0))
        #expect(try value("1 && 5") == .number(1))
        #expect(try value("0 || 0 || 7 && 0") == .number(0))
        #expect(try value("0 || 4 && 2 || 9") == .number(1))
        #expect(try value("!(1 == 2)") == .number(1))
        #expect(try value("1e3 + 2.5E-1") == .number(1000.25))
        #expect(try value("x > 1 ? x * 10 : -1", [.number(3)], names: ["x": 0]) == .number(30))
        #expect(try value("sigmoid(0) + min(4, 2, 3) + clamp(9, 0, 5) + round(2.345, 2)") == .number(0.5 + 2 + 5 + 2.35))
    }

    @Test func categoriesCompareByName() throws {
        let strings = StringTable()
        let pick = try SynthExpression("d == 'web' ? 'yes' : 'no'", names: ["d": 0], strings: strings)
        var random = SynthRandom(seed: 1)
        var stack: [SynthValue] = []
        let web = SynthValue.string(strings.intern("web"))
        #expect(pick.evaluate([web], random: &random, stack: &stack) == .string(strings.intern("yes")))
        #expect(pick.evaluate([.string(strings.intern("ios"))], random: &random, stack: &stack) == .string(strings.intern("no")))
    }

    /// Distributions: means and shares within 4 standard errors over 20,000 draws.
    @Test func distributions() throws {
        let strings = StringTable()
        func mean(_ text: String) throws -> Double {
            let e = try SynthExpression(text, names: [:], strings: strings)
            var random = SynthRandom(seed: 42)
            var stack: [SynthValue] = []
            return (0..<20_000).reduce(0.0) { s, _ in s + e.evaluate([], random: &random, stack: &stack).number } / 20_000
        }
        #expect(abs(try mean("normal(5, 2)") - 5) < 4 * 2 / sqrt(20_000))
        #expect(abs(try mean("exponential(3)") - 3) < 4 * 3 / sqrt(20_000))
        #expect(abs(try mean("poisson(2.5)") - 2.5) < 4 * sqrt(2.5) / sqrt(20_000))
        #expect(abs(try mean("bernoulli(0.3)") - 0.3) < 4 * sqrt(0.21) / sqrt(20_000))
        #expect(abs(try mean("uniform(2, 4)") - 3) < 4 * (2 / sqrt(12)) / sqrt(20_000))
        #expect(abs(try mean("lognormal(0, 0.5)") - exp(0.125)) < 0.02)
        #expect(abs(try mean("integer(1, 6)") - 3.5) < 4 * 1.71 / sqrt(20_000))
        #expect(abs(try mean("choice(1, 30, 0, 70)") - 0.3) < 4 * sqrt(0.21) / sqrt(20_000))
        #expect(abs(try mean("pareto(1, 3)") - 1.5) < 0.05)
    }

    @Test func errorsSayWhatAndWhere() throws {
        let strings = StringTable()
        func message(_ text: String) -> String {
            do {
                _ = try SynthExpression(text, names: ["amount": 2], strings: strings)
                return ""
            } catch {
                return error.description
            }
        }
        #expect(message("amout * 2").contains("unknown name amout (here: amount)"))
        #expect(message("lognormal(1)").contains("lognormal() takes 2 arguments, not 1"))
        #expect(message("foo(1)").contains("unknown function foo()"))
        #expect(message("1 +").contains("expected a value"))
        #expect(message("(1 + 2").contains("expected ')'"))
        #expect(message("'web").contains("unterminated string"))
        #expect(message("choice('a', 1, 'b')").contains("value, weight pairs"))
        #expect(message("1 2").contains("unexpected '2'"))
    }
}

@Suite struct ScenarioTests {
    static let drill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("demo-data/scenarios/drill.toml").path

    func output(_ scenario: Scenario, seed: UInt64? = nil, duration: Double? = nil) -> [UInt8] {
        var g = SynthGenerator(scenario, seed: seed, duration: duration)
        var out: [UInt8] = []
        while g.next(into: &out) != nil {}
        return out
    }

    @Test func theDrillReadsAndIsDeterministic() throws {
        let scenario = try Scenario(contentsOf: Self.drill)
        #expect(scenario.models.map(\.name) == ["fraud", "price", "churn"])
        #expect(Set(scenario.incidents.map(\.kind)) == Set(Incident.Kind.allCases))
        let a = output(scenario, duration: 120), b = output(scenario, duration: 120), c = output(scenario, seed: 8, duration: 120)
        #expect(a == b)
        #expect(a != c)
        // Every line is JSON with a time, in arrival order.
        let lines = String(decoding: a, as: UTF8.self).split(separator: "\n")
        #expect(lines.count > 1000)
        var last = 0.0
        for line in lines {
            let json = try JSONValue(parsing: Array(line.utf8))
            guard case .string(let ts)? = json["ts"], let t = RFC3339.seconds(ts) else { Issue.record("no ts: \(line)"); continue }
            #expect(t >= last - 0.001, "out of order: \(line)")
            last = t
        }
    }

    @Test func incidentsChangeTheTraffic() throws {
        let scenario = try Scenario(contentsOf: Self.drill)
        let text = String(decoding: output(scenario), as: UTF8.self)
        let lines = text.split(separator: "\n")
        func share(_ filter: (Substring) -> Bool, _ test: (Substring) -> Bool) -> Double {
            let chosen = lines.filter(filter)
            return Double(chosen.filter(test).count) / Double(max(chosen.count, 1))
        }
        let start = "2026-11-20T06:"
        // The rollout: about half of fraud's predictions in 07-10 are 3.1.
        let rollout = share({ $0.contains("\"model\":\"fraud\"") && $0.contains("\"prediction\"") && $0.contains("\"ts\":\"\(start)08") }, { $0.contains("\"version\":\"3.1\"") })
        #expect(abs(rollout - 0.5) < 0.05)
        // Node silence: nothing from eu-2 from 12 minutes on.
        #expect(!lines.contains { $0.contains("\"node\":\"eu-2\"") && ($0.contains("\(start)13") || $0.contains("\(start)14")) })
        // Malformed burst: 120 lines that are not events.
        #expect(lines.filter { $0.hasPrefix("Traceback") || $0.contains("NaN") || !$0.contains("\"node\"") && $0.hasPrefix("{\"ts\"") && !$0.contains("\"label\"") }.count >= 120)
        // Duplicates: the same id twice.
        var seen = Set<Substring>(), twice = 0
        for line in lines where line.contains("\"model\":\"price\"") && line.contains("\"prediction\"") {
            guard let r = line.range(of: "\"id\":\"price-") else { continue }
            let id = line[r.upperBound...].prefix { $0 != "\"" }
            if !seen.insert(id).inserted { twice += 1 }
        }
        #expect(twice > 100)
    }

    /// A worse version is wrong where it says: every one of its predictions for `worse = 1`, in
    /// each task (multiclass: another class seen among the labels).
    @Test func worseVersionsAreWrong() throws {
        for (task, prediction, truth) in [("multiclass", "pick('a', 'b', 'c')", "prediction"), ("binary", "bernoulli(0.5)", "prediction"),
                                          ("regression", "normal(10, 2)", "prediction")] {
            let scenario = try Scenario(parsing: """
                [scenario]
                duration = "2m"
                [[model]]
                name = "m"
                task = "\(task)"
                rate = 50
                prediction = "\(prediction)"
                truth = "\(truth)"
                latency = "1"
                [[incident]]
                kind = "rollout"
                model = "m"
                version = "bad"
                share = 1
                worse = 1
                start = "1m"
                end = "2m"
                """, file: "worse.toml")
            let lines = String(decoding: output(scenario), as: UTF8.self).split(separator: "\n")
            func right(_ version: String) -> (Int, Int) {
                var right = 0, all = 0
                for line in lines where line.contains("\"version\":\"\(version)\"") {
                    let json = try? JSONValue(parsing: Array(line.utf8))
                    all += 1
                    if json?["prediction"] == json?["label"] { right += 1 }
                }
                return (right, all)
            }
            let (good, goodAll) = right("v1"), (bad, badAll) = right("bad")
            #expect(goodAll > 2000 && good == goodAll, "\(task): v1 right \(good) of \(goodAll)")
            #expect(badAll > 2000 && bad == 0, "\(task): the worse version right \(bad) of \(badAll)")
        }
    }

    @Test func badScenariosNameFileLineAndKey() {
        func message(_ text: String) -> String {
            do {
                _ = try Scenario(parsing: text, file: "s.toml")
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(message("[scenario]\nnodes = [\"a\"]\n").contains("no [[model]]"))
        #expect(message("[[model]]\nname = \"m\"\nrate = -1\n").contains("s.toml:3"))
        #expect(message("[[model]]\nname = \"m\"\nsignal = \"x + 1\"\n").contains("unknown name x"))
        #expect(message("[[model]]\nname = \"m\"\n").contains("s.toml:1: model m needs a prediction"))
        #expect(message("[[model]]\nname = \"m\"\nprediction = \"1\"\ncolour = 1\n").contains("s.toml:4: key 'colour': unknown key"))
        #expect(message("[[model]]\nname = \"m\"\ntask = \"ranker\"\n").contains("unknown task ranker"))
        #expect(message("[[model]]\nname = \"m\"\nprediction = \"1\"\n[[incident]]\nkind = \"meteor\"\n").contains("unknown incident meteor"))
        #expect(message("[[model]]\nname = \"m\"\nprediction = \"1\"\n[[incident]]\nkind = \"node_silence\"\n").contains("needs node"))
        #expect(message("[[model]]\nname = \"m\"\nprediction = \"1\"\n[[feature]]\nmodel = \"n\"\nname = \"x\"\nvalue = \"1\"\n").contains("no [[model]] named n"))
        #expect(message("[[model]]\nname = \"m\"\nprediction = \"1\"\n[[incident]]\nkind = \"feature_drift\"\nmodel = \"m\"\nfeature = \"x\"\n").contains("has no feature x"))
    }
}

@Suite struct LineBufferTests {
    func written(_ x: Double, digits: Int) -> String {
        var b = LineBuffer()
        b.number(x, digits: digits)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    /// Format.fixed's digits with its trailing zeros (and a point left alone) dropped.
    func fixed(_ x: Double, digits: Int) -> String {
        var text = Format.fixed(x, digits: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    @Test func numbersAreFormatFixedWithoutTrailingZeros() {
        #expect(written(12.5, digits: 4) == "12.5")
        #expect(written(3, digits: 2) == "3")
        #expect(written(0.5, digits: 0) == "1")
        #expect(written(-2.5, digits: 0) == "-3")
        #expect(written(-0.0004, digits: 3) == "0")
        #expect(written(0.0625, digits: 3) == "0.063")
        #expect(written(1.0001, digits: 4) == "1.0001")
        #expect(written(-7.05, digits: 1) == "-7.1")  // 70.5 exactly: half away from zero
        #expect(written(.nan, digits: 2) == "null")
        #expect(written(-9_223_372_036_854_775_808, digits: 0) == Format.fixed(-9_223_372_036_854_775_808, digits: 0))
        var random = SynthRandom(seed: 3)
        for i in 0..<200_000 {
            let digits = i % 7
            let magnitude = [1e-3, 1, 100, 1e4, 1e6][i % 5]
            let x = (random.uniform() - 0.3) * magnitude
            guard written(x, digits: digits) == fixed(x, digits: digits) else {
                Issue.record("\(x) with \(digits) digits: \(written(x, digits: digits)) vs \(fixed(x, digits: digits))")
                return
            }
        }
    }

    @Test func timesAreRFC3339() {
        for seconds in [1_795_132_800.0, 1_795_132_800.0005, 0, -1.5, 1_795_219_199.999] {
            var b = LineBuffer()
            b.time(seconds)
            #expect(String(decoding: b.bytes, as: UTF8.self) == "\"" + RFC3339.string(fromSeconds: seconds, fractionDigits: 3) + "\"")
        }
    }
}
