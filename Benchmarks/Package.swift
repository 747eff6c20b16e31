// swift-tools-version:6.1
import PackageDescription

/// Benchmarks for Vigil, kept apart from the main package so that its build and CI never
/// need the benchmark tooling. Run from this folder:
///
///     swift package --allow-writing-to-package-directory benchmark --target WindowBenchmarks
let package = Package(
    name: "VigilBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Vigil", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "WindowBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VigilState", package: "Vigil"),
            ],
            path: "Benchmarks/WindowBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
