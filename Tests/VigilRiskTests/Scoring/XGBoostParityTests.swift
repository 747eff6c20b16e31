import Foundation
import Testing
@testable import VigilRisk

/// Native scoring must match `Booster.predict` of the xgboost that wrote each fixture.
@Suite("XGBoost parity with xgboost's own predict")
struct XGBoostParityTests {
    static let cases: [(prefix: String, model: String)] = ["xgb3", "xgb2"].flatMap { prefix in
        ["model", "reg_logistic_model", "binary_logitraw_model", "reg_squarederror_model"].map { (prefix, $0) }
    }

    @Test("predictions match to 1e-6 on every fixture row", arguments: cases)
    func parity(prefix: String, model name: String) throws {
        let model = try XGBoostModel(contentsOf: ScoringFixtures.path("\(prefix)_\(name).json"))
        let rows = try ScoringFixtures.csv("\(prefix)_rows.csv")
        let expected = try ScoringFixtures.csv("\(prefix)_expected.csv")
        let column = try #require(expected.columnNames.firstIndex(of: name))
        #expect(rows.columnNames == model.featureNames)
        #expect(rows.rows.count == expected.rows.count && rows.rows.count >= 100)
        var worst = 0.0
        for (i, row) in rows.rows.enumerated() {
            let diff = abs(model.probability(row) - expected.rows[i][column])
            worst = max(worst, diff)
            #expect(diff <= 1e-6, "row \(i + 2): got \(model.probability(row)), xgboost \(expected.rows[i][column])")
        }
        #expect(worst <= 1e-6)
    }

    @Test("fixture metadata: version, objective, base score, tree count", arguments: ["xgb3", "xgb2"])
    func metadata(prefix: String) throws {
        let model = try XGBoostModel(contentsOf: ScoringFixtures.path("\(prefix)_model.json"))
        #expect(model.objective == .binaryLogistic)
        #expect(model.treeCount == 40)
        #expect(model.featureNames.count == 12)
        #expect(model.xgboostVersion?.first == (prefix == "xgb3" ? 3 : 2))
        #expect(model.version.hasPrefix("xgboost-\(prefix == "xgb3" ? 3 : 2)."))
        #expect(model.baseScore > 0.5 && model.baseScore < 0.8)
    }

    @Test("Saabas contributions match approx_contribs and sum to the margin", arguments: ["xgb3", "xgb2"])
    func saabas(prefix: String) throws {
        let model = try XGBoostModel(contentsOf: ScoringFixtures.path("\(prefix)_model.json"))
        let rows = try ScoringFixtures.csv("\(prefix)_rows.csv")
        let expected = try ScoringFixtures.csv("\(prefix)_contribs.csv")
        #expect(expected.columnNames == model.featureNames + ["bias"])
        for (i, want) in expected.rows.enumerated() {
            let got = try #require(model.saabasContributions(rows.rows[i]))
            for j in got.indices {
                #expect(abs(got[j] - want[j]) <= 1e-5, "row \(i + 2) column \(expected.columnNames[j])")
            }
            #expect(abs(got.reduce(0, +) - Double(model.margin(rows.rows[i]))) <= 1e-4)
            let top = model.contributions(rows.rows[i], limit: 3)
            #expect(top.count <= 3)
            #expect(zip(top, top.dropFirst()).allSatisfy { abs($0.weight) >= abs($1.weight) })
        }
    }
}
