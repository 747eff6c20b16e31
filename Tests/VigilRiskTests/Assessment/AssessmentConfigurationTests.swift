import Foundation
import Testing
@testable import VigilRisk

@Suite struct AssessmentConfigurationTests {
    static var riskYML: String { FX.repoRoot.appendingPathComponent("config/risk.yml").path }
    static var scorecardYML: String { FX.repoRoot.appendingPathComponent("config/risk-scorecard.yml").path }

    @Test func shippedScorecardConfigurationEqualsTheDefaults() throws {
        let loaded = try RiskConfiguration.load(path: Self.scorecardYML)
        let d = RiskConfiguration.default
        #expect(loaded.modelVersion == d.modelVersion)
        #expect(loaded.thresholds == d.thresholds)
        #expect(loaded.scoring == d.scoring)
        #expect(loaded.features == d.features)
        #expect(loaded.rules == d.rules)
        #expect(loaded.xgboostModelPath == nil)
        #expect(loaded.scorecard.bias == d.scorecard.bias)
        #expect(loaded.scorecard.terms == d.scorecard.terms)
        #expect(loaded.scorecard.version == d.scorecard.version)
        _ = try RiskAssessor(configuration: loaded)
    }

    @Test("config/risk.yml is the scorecard configuration with the committed learned model, which loads and reads catalogue names only")
    func shippedConfigurationUsesTheLearnedModel() throws {
        let loaded = try RiskConfiguration.load(path: Self.riskYML)
        let fallback = try RiskConfiguration.load(path: Self.scorecardYML)
        #expect(loaded.thresholds == fallback.thresholds && loaded.rules == fallback.rules)
        var scoring = fallback.scoring
        scoring.stackBonus = 5  // with the learned model, two weak rule families alone reach review, not intercept
        #expect(loaded.scoring == scoring)
        let model = try #require(loaded.xgboostModelPath)
        #expect(model == FX.repoRoot.appendingPathComponent("config/model/model.json").path)
        let assessor = try RiskAssessor(configuration: loaded)
        #expect(assessor.modelVersion.hasPrefix("vigil-risk-1+xgboost-"))
        let card = try String(contentsOfFile: FX.repoRoot.appendingPathComponent("config/model/model-card.md").path, encoding: .utf8)
        #expect(card.contains("Vigil risk model card"))
    }

    @Test func errorsNameTheFileAndTheKey() throws {
        func failure(_ yaml: String) -> String {
            do {
                _ = try RiskConfiguration.parse(yaml: yaml, file: "conf/risk.yml")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let bad = failure("thresholds:\n  review: high\n")
        #expect(bad.hasPrefix("conf/risk.yml: key 'thresholds.review': must be an integer in 0...100"), "\(bad)")
        #expect(bad.contains("Fix:"))
        let typo = failure("rules:\n  ocr_price_mismatch: {flor: 70}\n")
        #expect(typo.hasPrefix("conf/risk.yml: key 'rules.ocr_price_mismatch.flor': unknown key"), "\(typo)")
        #expect(failure("rules:\n  no_such_rule: {floor: 1}\n").contains("key 'rules.no_such_rule'"))
        #expect(failure("thresholds: {review: 90, intercept: 80}").contains("key 'thresholds.review'"))
        #expect(failure("rules:\n  ring_member: {force: always}\n").contains("key 'rules.ring_member.force'"))
        #expect(failure("scoring: {scorecard: missing.yml}").contains("key 'scoring.scorecard': cannot read the scorecard file conf/missing.yml"))
        #expect(failure("scoring: {max_reasons: 0}").contains("key 'scoring.max_reasons'"))
        #expect(failure("features: {ocr_mismatch_ratio: -1}").contains("key 'features.ocr_mismatch_ratio'"))
        #expect(failure("thresholds: [1, 2]").contains("key 'thresholds': expected a mapping"))
        #expect(failure("a: [").hasPrefix("conf/risk.yml: not valid YAML"))
        #expect(throws: RiskConfigurationError.self) { try RiskConfiguration.load(path: "/nonexistent/risk.yml") }
    }

    @Test func scorecardWithUnknownFeatureIsRejectedByName() throws {
        let config = try RiskConfiguration.parse(yaml: "scoring: {scorecard: {bias: 0, features: [{name: shoe_size, weight: 1}]}}", file: "c.yml")
        do {
            _ = try RiskAssessor(configuration: config)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("feature \"shoe_size\" is not in the feature catalogue"))
        }
        let badWeight = "scoring: {scorecard: {bias: 0, features: [{name: listing_price, weight: .nan}]}}"
        #expect(throws: ModelLoadError.self) { try RiskConfiguration.parse(yaml: badWeight, file: "c.yml") }
    }
}
