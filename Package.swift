// swift-tools-version:6.0
//
// modeltop: `top` for machine-learning models.
//
// One Swift package dependency, swift-argument-parser, for the CLI (`--help`, subcommands, typed
// options). Everything else is the Swift toolchain plus two Debian libraries reached through
// system-library / C++ shim targets: ncursesw (`CNcurses`) and simdjson (`CSimdjson`).
import PackageDescription

let package = Package(
    name: "modeltop",
    products: [
        .executable(name: "modeltop", targets: ["modeltop"]),
        // Library products so that the separate Benchmarks/ package can link the modules.
        .library(name: "ModelTopCore", targets: ["ModelTopCore"]),
        .library(name: "ModelTopIngest", targets: ["ModelTopIngest"]),
        .library(name: "ModelTopUI", targets: ["ModelTopUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        .target(name: "ModelTopCore"),
        .target(name: "ModelTopIngest", dependencies: ["CSimdjson", "ModelTopCore"]),
        .target(name: "ModelTopUI", dependencies: ["ModelTopCore", "ModelTopIngest"]),
        .target(name: "ModelTopTerminal", dependencies: ["CNcurses", "ModelTopUI"]),
        .executableTarget(
            name: "modeltop",
            dependencies: [
                "ModelTopCore", "ModelTopIngest", "ModelTopUI", "ModelTopTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixtures and snapshots are read from the source tree (#filePath), not bundled.
        .testTarget(name: "ModelTopCoreTests", dependencies: ["ModelTopCore"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelTopIngestTests", dependencies: ["ModelTopIngest"]),
        .testTarget(name: "ModelTopUITests", dependencies: ["ModelTopUI"], exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "ModelTopTerminalTests", dependencies: ["ModelTopTerminal"]),
    ],
    cxxLanguageStandard: .cxx17
)
