import Foundation

// modeltop-bench [NAME...]: runs the named benchmarks (all when none) and prints one line each.
let benchmarks: [(name: String, run: () -> String)] = [
    ("decode", DecodeBenchmark.run),
    ("ingest", IngestBenchmark.run),
    ("report", ReportBenchmark.run),
    ("render", RenderBenchmark.run),
]

let wanted = Array(CommandLine.arguments.dropFirst())
for unknown in wanted where !benchmarks.contains(where: { $0.name == unknown }) {
    FileHandle.standardError.write(Data("unknown benchmark '\(unknown)'; known: \(benchmarks.map(\.name))\n".utf8))
    exit(2)
}
print("machine: \(Machine.description)")
for benchmark in benchmarks where wanted.isEmpty || wanted.contains(benchmark.name) {
    print("\(benchmark.name): \(benchmark.run())")
}
