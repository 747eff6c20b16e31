import Foundation
import Testing
@testable import VigilRisk
import VigilTestSupport

/// `vigil train` end to end, with the real Python script and XGBoost.
@Suite("Training: the trained model loads in Vigil and scores as XGBoost does", .serialized)
struct ModelTrainerTests {
    static let repositoryRoot = VigilTestSupport.repositoryRoot

    /// 60 merchants (one in three counterfeit), 12 rows each spread over time; counterfeit rows have a
    /// large OCR price ratio and young stores, with noise so the classes overlap a little.
    static func synthetic() -> (rows: [FeatureLogRow], labels: [LabelEvent]) {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let ratio = FeatureCatalog.index(of: "listing_ocr_price_ratio")!, age = FeatureCatalog.index(of: "store_age_days")!
        let price = FeatureCatalog.index(of: "listing_price")!
        var rows: [FeatureLogRow] = []
        var labels: [LabelEvent] = []
        for m in 0..<60 {
            let merchant = String(format: "m%03d", m)
            let counterfeit = m % 3 == 0
            for n in 0..<12 {
                var features = [Double](repeating: .nan, count: FeatureCatalog.count)
                features[ratio] = counterfeit ? 3 + 40 * random() : 1 + 4 * random()
                features[age] = (counterfeit ? 5 : 60) + 300 * random() * (counterfeit ? 0.2 : 1)
                features[price] = n % 4 == 0 ? .nan : 100 + 1000 * random()
                let listing = n % 2 == 0 ? VerdictSubject.listing("\(merchant)-l\(n)") : .merchant
                rows.append(FeatureLogRow(subject: listing, merchantID: merchant, eventID: "e-\(merchant)-\(n)", eventTS: Int64(n * 1000 + m),
                                          modelVersion: "vigil-risk-1+scorecard", score: 20, decision: .allow, published: n % 2 == 0, features: features))
            }
            labels.append(LabelEvent(eventID: "ev-L\(m)", merchantID: merchant, ts: 1_000_000, labelID: "L\(m)", listingID: nil,
                                     outcome: counterfeit ? .counterfeit : .genuine, source: counterfeit ? .testBuy : .manualReview, brand: nil, note: nil))
        }
        // A label established before every row joins none of them.
        labels.append(LabelEvent(eventID: "ev-early", merchantID: "m001", ts: 0, labelID: "early", listingID: nil, outcome: .counterfeit, source: .rightsHolder, brand: nil, note: nil))
        return (rows, labels)
    }

    static func outDirectory(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-train-\(name)-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    @Test("features made of earlier verdicts are left out of the training rows by default")
    func policyDependentFeaturesExcluded() throws {
        let (rows, labels) = Self.synthetic()
        let set = try TrainingSet(rows: rows, labels: labels)
        let header = try #require(set.csv(excluding: TrainingSettings().excludedFeatures).split(separator: "\n").first).split(separator: ",").map(String.init)
        #expect(!FeatureCatalog.policyDependentNames.isEmpty)
        #expect(FeatureCatalog.policyDependentNames.isSubset(of: Set(FeatureCatalog.names)), "every excluded name is a catalogue feature")
        #expect(Set(header).isDisjoint(with: FeatureCatalog.policyDependentNames))
        #expect(header.count == TrainingSet.metaColumns.count + FeatureCatalog.count - FeatureCatalog.policyDependentNames.count)
        #expect(try #require(set.csv().split(separator: "\n").first).split(separator: ",").count == TrainingSet.metaColumns.count + FeatureCatalog.count)
    }

    @Test("train: model.json loads with ModelLoader, reads catalogue names, matches Booster.predict; card and thresholds written")
    func train() throws {
        let (rows, labels) = Self.synthetic()
        let out = Self.outDirectory("ok")
        let featureLog = out + "-log.jsonl", labelFile = out + "-labels.jsonl"
        try Data(FeatureLogFile.lines(rows)).write(to: URL(fileURLWithPath: featureLog))
        let labelLines = labels.map { #"{"event_id":"ev-\#($0.labelID)","merchant_id":"\#($0.merchantID)","ts":\#($0.ts),"label_id":"\#($0.labelID)","listing_id":null,"outcome":"\#($0.outcome.rawValue)","source":"\#($0.source.rawValue)","brand":null,"note":null}"# }
        try Data(labelLines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: labelFile))

        let settings = TrainingSettings(budget: 0.001, trees: 30, depth: 3, holdout: 0.3, script: Self.repositoryRoot.appendingPathComponent("scripts/train_model.py").path)
        let result = try ModelTrainer(settings: settings).train(featureLog: featureLog, labels: labelFile, out: out)

        let model = try #require(try ModelLoader().load(path: result.modelPath) as? XGBoostModel)
        #expect(model.featureNames == FeatureCatalog.names.filter { !FeatureCatalog.policyDependentNames.contains($0) },
                "catalogue names, less the features made of earlier verdicts")
        #expect(model.objective == .binaryLogistic)
        #expect(result.checkedRows > 0)
        // Independently of the trainer's own check: Swift's probability equals the script's Booster.predict.
        let check = try FeatureRowsCSV(contentsOf: out + "/model-check.csv")
        let p = try #require(check.columnNames.firstIndex(of: "_p"))
        for row in check.rows.prefix(5) {
            let vector = FeatureVector(Array(row.values[0..<model.featureNames.count]))
            #expect(abs(model.probability(vector) - row[p]) <= 1e-6)
        }
        // The model separates the classes on the holdout, and the thresholds keep honest merchants out.
        let card = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/model-card.json"))) as? [String: Any])
        let holdout = try #require(card["holdout"] as? [String: Any])
        #expect((holdout["merchant_auc"] as? Double ?? 0) > 0.9)
        #expect((0...100).contains(result.thresholds.intercept) && result.thresholds.review <= result.thresholds.intercept)
        #expect((card["at_intercept"] as? [String: Any])?["false_positives"] as? Int == 0)
        #expect(result.budgetMet && !result.budgetResolvable, "40 honest holdout merchants cannot confirm a 0.1 % budget")
        #expect(abs((card["honest_rate_upper_95"] as? Double ?? 0) - 3.0 / Double(holdout["honest_merchants"] as? Int ?? 1)) < 1e-9)
        let summary = try #require(card["labels"] as? [String: Any])
        #expect(summary["rows_labelled"] as? Int == 720 && summary["labels_read"] as? Int == 61)
        #expect((summary["labels_by_outcome_source"] as? [String: [String: Int]])?["counterfeit"]?["rights_holder"] == 1)
        #expect((summary["labels_used_by_outcome_source"] as? [String: [String: Int]])?["counterfeit"]?["rights_holder"] == nil)
        let markdown = try String(contentsOfFile: out + "/model-card.md", encoding: .utf8)
        #expect(markdown.contains("intercept threshold **\(result.thresholds.intercept)**"))
        #expect(result.riskYAML.contains("xgboost: \(result.modelPath)") && result.riskYAML.contains("intercept: \(result.thresholds.intercept)"))
        // The joined rows are the FeatureRowsCSV file the script read.
        #expect(try FeatureRowsCSV(contentsOf: result.rowsPath).rows.count == 720)
        // And the model scores in an assessor configured as the printed lines say.
        var configuration = RiskConfiguration.default
        configuration.xgboostModelPath = result.modelPath
        configuration.thresholds = result.thresholds
        #expect(try RiskAssessor(configuration: configuration).modelVersion.hasPrefix("vigil-risk-1+xgboost-"))
    }

    @Test("errors name the problem: missing files, a missing interpreter, the script's own checks")
    func errors() throws {
        let out = Self.outDirectory("errors")
        let script = Self.repositoryRoot.appendingPathComponent("scripts/train_model.py").path
        #expect(throws: TrainingError.unreadableInput(kind: "feature log", path: "/nonexistent/log.jsonl", reason: "the file does not exist")) {
            _ = try ModelTrainer(settings: TrainingSettings(script: script)).train(featureLog: "/nonexistent/log.jsonl", labels: "/nonexistent/l.jsonl", out: out)
        }
        let (rows, labels) = Self.synthetic()
        let set = try TrainingSet(rows: rows, labels: labels)
        #expect(throws: TrainingError.pythonMissing(searched: "/nonexistent/python3")) {
            _ = try ModelTrainer(settings: TrainingSettings(python: "/nonexistent/python3", script: script)).train(set, out: out)
        }
        #expect(throws: TrainingError.invalidSetting(name: "--trees", problem: "must be in 1...300, got 301")) {
            _ = try ModelTrainer(settings: TrainingSettings(trees: 301, script: script)).train(set, out: out)
        }
        // A holdout so small that it has one class only: the script says so and how to fix it.
        let failure: (any Error)? = {
            do { _ = try ModelTrainer(settings: TrainingSettings(trees: 5, holdout: 0.001, script: script)).train(set, out: out); return nil } catch { return error }
        }()
        guard case TrainingError.scriptFailed(let status, let output)? = failure else {
            Issue.record("a one-class holdout was not refused by the script: \(String(describing: failure))"); return
        }
        #expect(status == 2)
        #expect(output.contains("error: the holdout split (1 rows) has only"), "\(output)")
    }
}
