import Foundation
import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk

/// Hot reload of the `scoring.xgboost` model file, driven by an injected time (no sleeping).
@Suite("Scoring: hot reload of the XGBoost model file", .serialized)
struct ModelReloaderTests {
    /// A one-split model on `store_age_days` whose leaves are `low` and `high` (margins).
    static func model(low: String, high: String, feature: String = "store_age_days") -> Data {
        ScoringFixtures.xgboostJSON(
            objective: "binary:logistic", numFeature: 1, featureNames: "[\"\(feature)\"]",
            trees: [ScoringFixtures.tree(left: [1, -1, -1], right: [2, -1, -1], features: [0, 0, 0], conditions: ["30", low, high], defaultLeft: [1, 0, 0])])
    }

    /// Writes `data` to `path` and stamps it with a distinct modification time.
    static func write(_ data: Data, to path: String, stamp: Int) throws {
        try data.write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(stamp))], ofItemAtPath: path)
    }

    /// The verdict of listing event `n`, scored by a processor that lives across reloads (as a lane's does).
    static func listingVerdict(_ processor: MerchantProcessor, n: Int) throws -> Verdict {
        let event = try ContractDecoder().decode(.listing, from: FeatureLogTests.listing(n, merchant: "m-reload"), key: nil as [UInt8]?)
        var processing = ProcessingContext(operatorName: "merchants")
        let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.listings", partition: 0), offset: Int64(n))
        try processor.process(SourceRecord(source: "test", key: event.merchantID, eventTime: event.ts, payload: event, origin: origin), context: &processing)
        let record = try #require(processing.outputs.first { $0.sink == "verdicts" })
        return try JSONDecoder().decode(Verdict.self, from: Data(record.value))
    }

    @Test("a new valid model is picked up when due; a corrupt or incompatible file is refused and the old model keeps scoring")
    func reload() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-reload-\(ProcessInfo.processInfo.processIdentifier).json").path
        try Self.write(Self.model(low: "2", high: "-2"), to: path, stamp: 1)
        var configuration = RiskConfiguration.default
        configuration.xgboostModelPath = path
        let context = RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: configuration), cases: nil)
        let reloader = try #require(ModelReloader(context: context, configuration: .init(interval: .seconds(10))))
        let processor = MerchantProcessor(context: context)
        let first = context.assessor.modelVersion
        let before = try Self.listingVerdict(processor, n: 1)
        #expect(before.modelVersion == first)

        let t0 = ContinuousClock.now
        #expect(reloader.poll(now: t0) == .unchanged, "the file loaded at start is not reloaded")

        try Self.write(Self.model(low: "3", high: "-3"), to: path, stamp: 2)
        #expect(reloader.poll(now: t0 + .seconds(5)) == .unchanged, "not due before the interval")
        let outcome = reloader.poll(now: t0 + .seconds(10))
        let second = context.assessor.modelVersion
        #expect(outcome == .reloaded(modelVersion: second))
        #expect(second != first)
        #expect(try Self.listingVerdict(processor, n: 2).modelVersion == second, "verdicts carry the new model version")

        // Corrupt: truncated JSON.
        try Self.write(Data(Self.model(low: "4", high: "-4").prefix(80)), to: path, stamp: 3)
        guard case .rejected(let message) = reloader.poll(now: t0 + .seconds(20)) else {
            Issue.record("a corrupt model file was accepted"); return
        }
        #expect(message.contains(path) && message.contains("not valid JSON") && message.contains("still scoring with \(second)"), "\(message)")
        #expect(context.assessor.modelVersion == second)
        #expect(try Self.listingVerdict(processor, n: 3).modelVersion == second, "the old model keeps scoring")
        #expect(reloader.poll(now: t0 + .seconds(30)) == .unchanged, "the same bad file is not retried")

        // Incompatible: a feature the catalogue does not have.
        try Self.write(Self.model(low: "4", high: "-4", feature: "no_such_feature"), to: path, stamp: 4)
        guard case .rejected(let incompatible) = reloader.poll(now: t0 + .seconds(40)) else {
            Issue.record("a model with an unknown feature was accepted"); return
        }
        #expect(incompatible.contains("no_such_feature") && incompatible.contains(path), "\(incompatible)")
        #expect(context.assessor.modelVersion == second)

        // Fixed again: picked up.
        try Self.write(Self.model(low: "5", high: "-5"), to: path, stamp: 5)
        guard case .reloaded(let third) = reloader.poll(now: t0 + .seconds(50)) else {
            Issue.record("the repaired file was not reloaded"); return
        }
        #expect(third != second && context.assessor.modelVersion == third)
    }

    @Test("no reloader without an XGBoost file (scorecard scoring)")
    func scorecard() throws {
        let context = RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: .default), cases: nil)
        #expect(ModelReloader(context: context) == nil)
    }
}
