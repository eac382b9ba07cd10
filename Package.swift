// swift-tools-version:6.0
//
// modeltop: `top` for machine-learning models.
//
// Swift package dependencies, each for one job:
// - swift-argument-parser: the CLI (`--help`, subcommands, typed options);
// - swift-nio (NIOCore, NIOPosix, NIOHTTP1): the HTTP/1.1 receiver of `watch --listen` (a
//   maintained server stack instead of a hand-written HTTP parser);
// - swift-nio-extras (NIOHTTPCompression): `Content-Encoding: gzip` request bodies, bounded;
// - swift-nio-ssl (NIOSSL): HTTPS for `--tls-cert/--tls-key`.
// Only ModelTopServer uses the NIO packages. Everything else is the Swift toolchain plus two
// Debian libraries reached through system-library / C++ shim targets: ncursesw (`CNcurses`),
// simdjson (`CSimdjson`) and librdkafka (`CKafka`, for `kafka://` sources; only ModelTopKafka
// uses it). The Prometheus text format is written by ModelTopReport itself (a small, tested
// module; see the README) rather than with swift-prometheus.
//
// Data flows one way, and the targets show it:
//   sources -> decode (Ingest) -> statistics (Core) -> presenter -> view models -> widgets ->
//   cell buffer (UI) -> terminal (Terminal); reports (Report) read Core's snapshots.
// Text is the one formatter of numbers and names (and the text formats: TOML, JSON, RFC 3339)
// that the dashboard, the report and the decoder share.
import PackageDescription

let package = Package(
    name: "modeltop",
    products: [
        .executable(name: "modeltop", targets: ["modeltop"]),
        // Library products so that the separate Benchmarks/ package can link the modules.
        .library(name: "ModelTopCore", targets: ["ModelTopCore"]),
        .library(name: "ModelTopText", targets: ["ModelTopText"]),
        .library(name: "ModelTopIngest", targets: ["ModelTopIngest"]),
        .library(name: "ModelTopReport", targets: ["ModelTopReport"]),
        .library(name: "ModelTopUI", targets: ["ModelTopUI"]),
        .library(name: "ModelTopApp", targets: ["ModelTopApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        .target(
            name: "CSimdjson",
            path: "Sources/CSimdjson",
            cxxSettings: [
                // Must match how Debian built libsimdjson (its simdjson.pc sets it).
                .define("SIMDJSON_THREADS_ENABLED", to: "1"),
            ],
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // librdkafka, for `kafka://` sources (only ModelTopKafka uses it).
        .systemLibrary(
            name: "CKafka",
            path: "Sources/CKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"]), .brew(["librdkafka"])]
        ),
        // Gives the terminal back on a fatal signal (C: only async-signal-safe calls there).
        .target(name: "CTerminalRestore", path: "Sources/CTerminalRestore"),
        // Statistics and monitor state: values only, no I/O, no display strings.
        .target(name: "ModelTopCore"),
        // The one system-call helper (EINTR retry, typed errors) for every file, pipe and poll call.
        .target(name: "ModelTopSystem"),
        // Text in and out: number formatting, sanitizing, display width, TOML, JSON, RFC 3339.
        .target(name: "ModelTopText", dependencies: ["ModelTopCore"]),
        // Sources, decoding, following, replay clock.
        .target(name: "ModelTopIngest", dependencies: ["CSimdjson", "ModelTopCore", "ModelTopText", "ModelTopSystem"]),
        // The report as JSON and as a table.
        .target(name: "ModelTopReport", dependencies: ["ModelTopCore", "ModelTopText"]),
        // Presenter, view models, screens, widgets, cell buffer, the reducer.
        .target(name: "ModelTopUI", dependencies: ["ModelTopCore", "ModelTopText", "ModelTopSystem"]),
        // ncurses behind the `Terminal` protocol.
        .target(name: "ModelTopTerminal", dependencies: ["CNcurses", "CTerminalRestore", "ModelTopUI", "ModelTopSystem"]),
        // The HTTP receiver (`watch --listen`): NIO server, limits, auth, TLS; bodies are decoded
        // by ModelTopIngest, exports rendered by ModelTopReport on the loop's thread. Also the
        // NIO client that POSTs `synth --post` traffic (http or https) to such a receiver.
        .target(name: "ModelTopServer", dependencies: [
            "ModelTopCore", "ModelTopText", "ModelTopIngest",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // Kafka sources (`kafka://`) over librdkafka: the only target that touches it.
        .target(name: "ModelTopKafka", dependencies: ["CKafka", "ModelTopCore", "ModelTopIngest"]),
        // Synthetic traffic (`modeltop synth`): scenarios, their expressions, the generator of
        // NDJSON lines. A source of events like the others, upstream of decoding.
        .target(name: "ModelTopSynth", dependencies: ["ModelTopCore", "ModelTopText", "ModelTopIngest"]),
        // The session (consume path), the loops, wiring.
        .target(name: "ModelTopApp", dependencies: [
            "ModelTopCore", "ModelTopText", "ModelTopSystem", "ModelTopIngest", "ModelTopReport", "ModelTopUI",
            "ModelTopTerminal", "ModelTopServer", "ModelTopKafka", "ModelTopSynth",
        ]),
        // Argument parsing only.
        .executableTarget(
            name: "modeltop",
            dependencies: [
                "ModelTopCore", "ModelTopText", "ModelTopSystem", "ModelTopIngest", "ModelTopServer", "ModelTopApp", "ModelTopSynth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixtures and snapshots are read from the source tree (#filePath), not bundled.
        .testTarget(name: "ModelTopCoreTests", dependencies: ["ModelTopCore"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelTopTextTests", dependencies: ["ModelTopCore", "ModelTopText"]),
        .testTarget(name: "ModelTopIngestTests", dependencies: ["ModelTopCore", "ModelTopText", "ModelTopSystem", "ModelTopIngest"]),
        .testTarget(name: "ModelTopReportTests", dependencies: ["ModelTopCore", "ModelTopText", "ModelTopIngest", "ModelTopReport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ModelTopUITests", dependencies: ["ModelTopCore", "ModelTopText", "ModelTopUI"], exclude: ["Snapshots"]),
        .testTarget(name: "ModelTopTerminalTests", dependencies: ["CNcurses", "ModelTopUI", "ModelTopTerminal"]),
        .testTarget(name: "ModelTopAppTests", dependencies: [
            "ModelTopCore", "ModelTopIngest", "ModelTopReport", "ModelTopUI", "ModelTopServer", "ModelTopKafka", "ModelTopApp",
        ]),
        .testTarget(name: "ModelTopSystemTests", dependencies: ["ModelTopSystem"]),
        .testTarget(name: "ModelTopServerTests", dependencies: ["ModelTopCore", "ModelTopIngest", "ModelTopServer"]),
        .testTarget(name: "ModelTopSynthTests", dependencies: ["ModelTopCore", "ModelTopText", "ModelTopIngest", "ModelTopSynth"]),
    ],
    cxxLanguageStandard: .cxx17
)
