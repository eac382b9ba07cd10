import Foundation

// modeltop-bench [NAME...]: runs the named benchmarks (all when none) and prints one line each.
let benchmarks: [(name: String, run: () -> String)] = [
    ("decode", DecodeBenchmark.run),
    ("ingest", IngestBenchmark.run),
    ("report", ReportBenchmark.run),
    ("render", RenderBenchmark.run),
]

// modeltop-bench generate N [EVENTS_PER_SECOND]: N lines of synthetic traffic on standard
// output (4 models, 6 features, 170 bytes a line), for the RSS and startup scripts.
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "generate", let n = Int(CommandLine.arguments[2]) {
    let rate = CommandLine.arguments.count >= 4 ? Double(CommandLine.arguments[3]) ?? 1000 : 1000
    EventGenerator.write(count: n, eventsPerSecond: rate)
    exit(0)
}

// modeltop-bench http-load PORT CLIENTS SECONDS: POST load on `watch --listen` (Benchmarks/http.sh).
if CommandLine.arguments.count >= 5, CommandLine.arguments[1] == "http-load", let port = Int(CommandLine.arguments[2]),
    let clients = Int(CommandLine.arguments[3]), let seconds = Double(CommandLine.arguments[4])
{
    print(HTTPLoad.run(port: port, clients: clients, seconds: seconds))
    exit(0)
}

let wanted = Array(CommandLine.arguments.dropFirst())
for unknown in wanted where !benchmarks.contains(where: { $0.name == unknown }) {
    FileHandle.standardError.write(Data("unknown benchmark '\(unknown)'; known: \(benchmarks.map(\.name))\n".utf8))
    exit(2)
}
print("machine: \(Machine.description)")
for benchmark in benchmarks where wanted.isEmpty || wanted.contains(benchmark.name) {
    print("\(benchmark.name): \(benchmark.run())")
}
