// swift-tools-version: 6.1
import PackageDescription

/// Vigil's benchmarks: a separate package so the main build never depends on the benchmark
/// tooling. Run one with `cd Benchmarks && swift package benchmark --target <Name>`.
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
                .product(name: "VigilPrimitives", package: "Vigil"),
            ],
            path: "Benchmarks/WindowBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ScoringBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VigilRisk", package: "Vigil"),
                .product(name: "VigilPrimitives", package: "Vigil"),
            ],
            path: "Benchmarks/ScoringBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VigilRisk", package: "Vigil"),
                .product(name: "VigilPrimitives", package: "Vigil"),
            ],
            path: "Benchmarks/RingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
