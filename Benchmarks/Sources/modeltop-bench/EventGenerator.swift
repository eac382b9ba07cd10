import Foundation
import ModelTopCore

/// Synthetic NDJSON traffic for the benchmarks: deterministic, about 170 bytes per event with
/// 6 features (numbers, integers, categories).
struct EventGenerator {
    private var random: SplitMix64

    init(seed: UInt64 = 42) {
        random = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A standard normal value (Box-Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Writes `count` lines to standard output, `eventsPerSecond` of event time apart, in
    /// 4 MB blocks.
    static func write(count: Int, eventsPerSecond: Double) {
        var generator = EventGenerator(seed: 3)
        var block = ""
        block.reserveCapacity(4 << 20)
        for i in 0..<count {
            block += generator.line(model: "model-\(i % 4)", index: i, time: 1_795_700_000 + Double(i) / eventsPerSecond)
            if block.utf8.count >= 4 << 20 || i == count - 1 {
                FileHandle.standardOutput.write(Data(block.utf8))
                block.removeAll(keepingCapacity: true)
            }
        }
    }

    /// One prediction line (with its newline) of `model`.
    mutating func line(model: String, index: Int, time: Double? = nil) -> String {
        let countries = ["DE", "FR", "US", "GB", "NL", "ES"]
        let devices = ["ios", "android", "web"]
        let amount = (uniform() * 50000).rounded() / 100
        let risk = (uniform() * 10000).rounded() / 10000
        let score = (uniform() * 10000).rounded() / 10000
        let ts = time.map { format($0, digits: 3) } ?? String(1_795_704_885 + index / 100)
        return #"{"model":"\#(model)","ts":\#(ts),"id":\#(index),"prediction":\#(score > 0.5 ? 1 : 0),"score":\#(score),"features":{"amount":\#(amount),"age":\#(18 + Int(next() % 60)),"country":"\#(countries[Int(next() % 6)])","device":"\#(devices[Int(next() % 3)])","hour":\#(next() % 24),"risk":\#(risk)}}"#
            + "\n"
    }

    /// `count` lines as one buffer.
    mutating func lines(count: Int, models: Int = 1) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * 180)
        for i in 0..<count { out.append(contentsOf: line(model: "model-\(i % models)", index: i).utf8) }
        return out
    }
}
