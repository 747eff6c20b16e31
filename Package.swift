// swift-tools-version:6.1
import PackageDescription

/// Vigil: a streaming engine that catches counterfeit goods while they are listed and sold.
///
/// One module per layer:
/// - `VigilPrimitives` – stable hashing, seeded random numbers, duration units, the JSON writer, the redelivery guard.
/// - `CRdKafka`    – librdkafka (Debian `librdkafka-dev`) as a system library.
/// - `VigilKafka`  – typed Swift producer, consumer, admin client and the embedded cluster.
/// - `VigilState`  – event-time windows, sketches and SQLite checkpoints.
/// - `VigilEngine` – topologies, keyed Dispatch lanes, commits, dead letters.
/// - `VigilRisk`   – the counterfeit domain: contract events, features, models, rings, leads.
/// - `VigilSimulation` – the marketplace simulator and the evaluation of verdicts against its ground truth (tools and tests).
/// - `VigilOps`    – metrics, admin HTTP endpoint, configuration, lifecycle.
/// - `VigilConsole` – the investigators' console (HTML pages on the admin endpoint, review labels).
/// - `vigil`       – the command-line tool.
let package = Package(
    name: "Vigil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "VigilPrimitives", targets: ["VigilPrimitives"]),
        .library(name: "VigilKafka", targets: ["VigilKafka"]),
        .library(name: "VigilState", targets: ["VigilState"]),
        .library(name: "VigilEngine", targets: ["VigilEngine"]),
        .library(name: "VigilRisk", targets: ["VigilRisk"]),
        .library(name: "VigilSimulation", targets: ["VigilSimulation"]),
        .library(name: "VigilOps", targets: ["VigilOps"]),
        .library(name: "VigilConsole", targets: ["VigilConsole"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(name: "VigilPrimitives"),
        .target(
            name: "VigilKafka",
            dependencies: [
                "CRdKafka",
                "VigilPrimitives",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "VigilState",
            dependencies: [
                "VigilPrimitives",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "VigilEngine",
            dependencies: [
                "VigilPrimitives",
                "VigilKafka",
                "VigilState",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "VigilRisk",
            dependencies: [
                "VigilPrimitives",
                "VigilEngine",
                "VigilState",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "VigilSimulation",
            dependencies: ["VigilRisk", "VigilOps", "VigilPrimitives"]
        ),
        .target(
            name: "VigilOps",
            dependencies: [
                "VigilPrimitives",
                "VigilEngine",
                "VigilKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "VigilConsole",
            dependencies: [
                "VigilRisk",
                "VigilOps",
                "VigilKafka",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilPrimitives",
                "VigilKafka",
                "VigilEngine",
                "VigilState",
                "VigilRisk",
                "VigilSimulation",
                "VigilOps",
                "VigilConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Sources/VigilCLI"
        ),
        // Shared by the test targets: the repository root and the `vigil` executable's location.
        .target(name: "VigilTestSupport", path: "Tests/VigilTestSupport"),
        .testTarget(name: "VigilPrimitivesTests", dependencies: ["VigilPrimitives"]),
        .testTarget(name: "VigilKafkaTests", dependencies: ["VigilKafka"]),
        .testTarget(
            name: "VigilStateTests",
            dependencies: ["VigilState", "VigilPrimitives", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "VigilEngineTests",
            dependencies: [
                "VigilEngine", "VigilKafka", "VigilState", "VigilPrimitives", "VigilTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "VigilRiskTests",
            dependencies: [
                "VigilRisk", "VigilSimulation", "VigilEngine", "VigilKafka", "VigilState", "VigilPrimitives", "VigilTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "VigilOpsTests",
            dependencies: [
                "VigilOps",
                "VigilEngine",
                "VigilKafka",
                "VigilTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "VigilConsoleTests",
            dependencies: [
                "VigilConsole",
                "VigilRisk",
                "VigilOps",
                "VigilKafka",
                "VigilPrimitives",
                "VigilTestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
