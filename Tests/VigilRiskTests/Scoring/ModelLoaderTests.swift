import Foundation
import Testing
@testable import VigilRisk

@Suite("Model loader")
struct ModelLoaderTests {
    let loader = ModelLoader()

    @Test("recognises XGBoost JSON and scorecards by content")
    func detects() throws {
        let xgb = try loader.load(path: ScoringFixtures.path("xgb3_model.json"))
        #expect(xgb is XGBoostModel)
        let yaml = Data("bias: 0\nfeatures:\n  - {name: a, weight: 1}\n".utf8)
        #expect(try loader.detectFormat(yaml, file: "s.yml") == .scorecardYAML)
        #expect(try loader.load(data: yaml, file: "s.yml") is ScorecardModel)
        let json = Data("{\"bias\": 0, \"features\": [{\"name\": \"a\", \"weight\": 1}]}".utf8)
        #expect(try loader.detectFormat(json, file: "s.json") == .scorecardJSON)
    }

    static let tree = ScoringFixtures.tree(left: [1, -1, -1], right: [2, -1, -1], features: [0, 0, 0],
                                           conditions: ["0.5", "1", "2"], defaultLeft: [1, 0, 0])

    @Test("errors say which file, where, and what kind of problem", arguments: [
        (Data(), ModelLoadError.Kind.unrecognizedFormat, nil as String?),
        (Data("{\"hello\": 1}".utf8), .unrecognizedFormat, nil),
        (Data("just: yaml\n".utf8), .unrecognizedFormat, nil),
        (Data([0x7B, 0x4C, 0x00, 0x00, 0x00, 0x07, 0xFF]), .malformed, nil),  // UBJSON-like
        (Data([0x00, 0xFF, 0xFE]), .unrecognizedFormat, nil),
        (ScoringFixtures.xgboostJSON(objective: "multi:softprob", trees: [tree]), .unsupported, "learner.objective.name"),
        (ScoringFixtures.xgboostJSON(booster: "dart", trees: [tree]), .unsupported, "learner.gradient_booster.name"),
        (ScoringFixtures.xgboostJSON(numClass: "3", trees: [tree]), .unsupported, "learner.learner_model_param.num_class"),
        (ScoringFixtures.xgboostJSON(trees: [tree], treeInfo: "[1]"), .unsupported, "learner.gradient_booster.model.tree_info[0]"),
        (ScoringFixtures.xgboostJSON(objective: "binary:logistic", baseScore: "[1.5E0]", trees: [tree]), .invalidValue,
         "learner.learner_model_param.base_score"),
        (ScoringFixtures.xgboostJSON(baseScore: "[1E-1,2E-1]", trees: [tree]), .unsupported, "learner.learner_model_param.base_score"),
        (ScoringFixtures.xgboostJSON(featureNames: "[\"a\"]", trees: [tree]), .invalidValue, "learner.feature_names"),
        (ScoringFixtures.xgboostJSON(trees: [ScoringFixtures.tree(left: [1, -1, -1], right: [0, -1, -1], features: [0, 0, 0],
                                                                  conditions: ["0.5", "1", "2"], defaultLeft: [1, 0, 0])]),
         .invalidValue, "learner.gradient_booster.model.trees[0].right_children[0]"),
        (ScoringFixtures.xgboostJSON(trees: [ScoringFixtures.tree(left: [1, -1, -1], right: [2, -1, -1], features: [7, 0, 0],
                                                                  conditions: ["0.5", "1", "2"], defaultLeft: [1, 0, 0])]),
         .invalidValue, "learner.gradient_booster.model.trees[0].split_indices[0]"),
        (ScoringFixtures.xgboostJSON(trees: [ScoringFixtures.tree(left: [1, -1, -1], right: [2, -1, -1], features: [0, 0, 0],
                                                                  conditions: ["\"x\"", "1", "2"], defaultLeft: [1, 0, 0])]),
         .malformed, "learner.gradient_booster.model.trees[0].split_conditions[0]"),
    ])
    func errors(data: Data, kind: ModelLoadError.Kind, path: String?) {
        #expect {
            _ = try loader.load(data: data, file: "bad.json")
        } throws: { error in
            guard let error = error as? ModelLoadError else { return false }
            return error.kind == kind && error.file == "bad.json" && (path == nil || error.path == path)
                && !error.fix.isEmpty
        }
    }

    @Test("a missing file is unreadable, naming the path")
    func missingFile() {
        #expect {
            _ = try loader.load(path: "/nonexistent/model.json")
        } throws: { error in
            (error as? ModelLoadError).map { $0.kind == .unreadable && $0.file == "/nonexistent/model.json" } ?? false
        }
    }
}

@Suite("CSV scoring (vigil score)")
struct CSVScorerTests {
    @Test("scores every fixture row from paths, matching xgboost")
    func scoresFromPaths() throws {
        let result = try CSVScorer().score(modelPath: ScoringFixtures.path("xgb3_model.json"),
                                           inputPath: ScoringFixtures.path("xgb3_rows.csv"))
        let expected = try ScoringFixtures.csv("xgb3_expected.csv")
        #expect(result.probabilities.count == expected.rows.count)
        for (p, row) in zip(result.probabilities, expected.rows) { #expect(abs(p - row[0]) <= 1e-6) }
        #expect(result.warnings.isEmpty)
        #expect(result.modelVersion.hasPrefix("xgboost-3."))
    }

    @Test("columns map by name; unknown columns and absent features are reported")
    func mapsByName() throws {
        let model = try ScorecardFile.parse(Data("bias: 0\nfeatures:\n  - {name: a, weight: 1}\n  - {name: b, weight: 2}\n".utf8),
                                            syntax: .yaml, file: "s.yml")
        let rows = try FeatureRowsCSV(text: "zzz,a\n7,1\n7,\n", file: "r.csv")
        let result = CSVScorer().score(model: model, rows: rows)
        #expect(result.ignoredColumns == ["zzz"])
        #expect(result.missingFeatures == ["b"])
        #expect(result.warnings.count == 2)
        #expect(abs(result.probabilities[0] - 1 / (1 + exp(-1.0))) < 1e-12)
        #expect(result.probabilities[1] == 0.5)
    }
}

@Suite("Example scorecard fixture")
struct ExampleScorecardTests {
    @Test("loads through ModelLoader and scores the fixture rows by name")
    func scoresRows() throws {
        let model = try ModelLoader().load(path: ScoringFixtures.path("scorecard.yml"))
        #expect(model.version == "example-scorecard-1")
        #expect(model.featureNames.count == 8)
        let result = try CSVScorer().score(modelPath: ScoringFixtures.path("scorecard.yml"),
                                           inputPath: ScoringFixtures.path("xgb3_rows.csv"))
        #expect(result.probabilities.count == 150)
        #expect(result.probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Rows 2 and 3 hold ±1e30 in every cell: the unclamped ocr_price_gap saturates the sigmoid.
        #expect(result.probabilities[1] == 1 && result.probabilities[2] == 0)
        #expect(result.missingFeatures.isEmpty)
        #expect(result.ignoredColumns == ["custom_template", "shared_ip_merchants", "review_burst_score", "new_buyer_review_share"])
        // Row 1 (line 2) has every value missing: the bias alone.
        #expect(abs(result.probabilities[0] - 1 / (1 + exp(2.0))) < 1e-12)
    }
}
