// swift-tools-version:6.0
// libFuzzer targets for modeltop, apart from the main package (they are built with
// -sanitize=fuzzer,address, which the main build must not be).
// Run: make fuzz (each target for FUZZ_SECONDS), or scripts/fuzz.sh SECONDS [TARGET...].
//
//   fuzz-decode  NDJSON lines -> decoder and schema -> statistics -> report JSON and table
//   fuzz-config  TOML -> document -> configuration mapping and theme
//   fuzz-text    RFC 3339, durations and sizes, the number formatter, the sanitizer
//   fuzz-network HTTP bodies: NDJSON, JSON, CloudEvents (KServe, Seldon) -> the receiver's decoding
//   fuzz-panes   pane-summary blocks -> reader -> merge -> report; a worker's blocks merged
import PackageDescription

/// A fuzz target: defines LLVMFuzzerTestOneInput; FuzzDriver's <module>_main (what SwiftPM
/// calls main) runs libFuzzer's driver on it.
func fuzzTarget(_ name: String, path: String, modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver", "FuzzSupport"] + modules.map { .product(name: $0, package: "modeltop") },
        path: path,
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "modeltop-fuzz",
    dependencies: [.package(name: "modeltop", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzSupport"),
        fuzzTarget("fuzz-decode", path: "Sources/FuzzDecode",
                   modules: ["ModelTopCore", "ModelTopText", "ModelTopIngest", "ModelTopReport"]),
        fuzzTarget("fuzz-config", path: "Sources/FuzzConfig", modules: ["ModelTopText", "ModelTopIngest", "ModelTopUI"]),
        fuzzTarget("fuzz-text", path: "Sources/FuzzText", modules: ["ModelTopText", "ModelTopIngest"]),
        fuzzTarget("fuzz-network", path: "Sources/FuzzNetwork", modules: ["ModelTopCore", "ModelTopText", "ModelTopIngest"]),
        fuzzTarget("fuzz-panes", path: "Sources/FuzzPanes", modules: ["ModelTopCore", "ModelTopIngest", "ModelTopReport"]),
    ]
)
