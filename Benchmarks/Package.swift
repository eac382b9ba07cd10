// swift-tools-version:6.0
// Benchmarks for modeltop, apart from the main package so `make test` does not build them.
// Run: make bench   (or: cd Benchmarks && swift build -c release --disable-build-manifest-caching &&
// .build/release/modeltop-bench; without that flag SwiftPM can miss files added to the main package)
import PackageDescription

let package = Package(
    name: "modeltop-benchmarks",
    dependencies: [.package(name: "modeltop", path: "..")],
    targets: [
        .executableTarget(
            name: "modeltop-bench",
            dependencies: [
                .product(name: "ModelTopCore", package: "modeltop"),
                .product(name: "ModelTopText", package: "modeltop"),
                .product(name: "ModelTopIngest", package: "modeltop"),
                .product(name: "ModelTopReport", package: "modeltop"),
                .product(name: "ModelTopUI", package: "modeltop"),
            ]
        ),
    ]
)
