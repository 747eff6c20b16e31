import Benchmark
import Foundation
import VigilRisk
import VigilPrimitives

/// Latency of scoring one listing in-process: a listing carries ~120
/// features; each benchmark iteration scores one listing vector.
///
/// - "XGBoost fixture model …": the committed 40-tree, depth-4 model
///   (Tests/VigilRiskTests/Fixtures/xgb3_model.json) reading its 12 features
///   out of the 120-feature listing vector through a precomputed
///   `FeatureMapping` (the gather is included in the timing).
/// - "Scorecard 120 features …": a scorecard weighting all 120 features,
///   a third of them clamped and log1p-transformed.
///
/// Inputs cycle through 256 listings (fixture rows widened with synthetic
/// features, ~15 % missing) so branches are not trivially predicted.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 10_000,
        maxDuration: .seconds(3),
        maxIterations: 2_000_000
    )

    let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/VigilRiskTests/Fixtures")
    let model: XGBoostModel
    let rows: FeatureRowsCSV
    do {
        model = try XGBoostModel(contentsOf: fixtures.appendingPathComponent("xgb3_model.json").path)
        rows = try FeatureRowsCSV(contentsOf: fixtures.appendingPathComponent("xgb3_rows.csv").path)
    } catch {
        fatalError("cannot load the scoring fixtures: \(error)")
    }

    // The listing layout: the model's 12 features spread among 108 others.
    let listingWidth = 120
    var listingNames = (0..<listingWidth).map { "listing_feature_\($0)" }
    for (i, name) in model.featureNames.enumerated() { listingNames[i * 10 + 3] = name }
    var generator = SplitMix64(seed: 20_261_123)
    let listings: [FeatureVector] = (0..<256).map { r in
        var values = (0..<listingWidth).map { _ in
            generator.unit() < 0.15 ? FeatureVector.missing : generator.unit() * 100 - 20
        }
        let row = rows.rows[r % rows.rows.count]
        for (i, _) in model.featureNames.enumerated() { values[i * 10 + 3] = row[i] }
        return FeatureVector(values)
    }
    let toModel = FeatureMapping(from: listingNames, to: model.featureNames)
    let modelVectors = listings.map(toModel.map)

    let scorecard = ScorecardModel(
        bias: -3,
        terms: listingNames.enumerated().map { i, name in
            ScorecardModel.Term(
                name: name, weight: Double(i % 7) * 0.01 - 0.03,
                transform: i % 3 == 0 ? ScorecardTransform(lowerBound: 0, upperBound: 50, function: .log1p) : .identity)
        },
        version: "bench")

    Benchmark("XGBoost fixture model: score one 120-feature listing (map by name + predict)") { benchmark in
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(model.probability(toModel.map(listings[i & 255])))
            i &+= 1
        }
    }

    Benchmark("XGBoost fixture model: predict a pre-mapped vector") { benchmark in
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(model.probability(modelVectors[i & 255]))
            i &+= 1
        }
    }

    Benchmark("XGBoost fixture model: top-5 Saabas contributions") { benchmark in
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(model.contributions(modelVectors[i & 255], limit: 5))
            i &+= 1
        }
    }

    Benchmark("Scorecard 120 features: score one listing") { benchmark in
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(scorecard.probability(listings[i & 255]))
            i &+= 1
        }
    }
}
