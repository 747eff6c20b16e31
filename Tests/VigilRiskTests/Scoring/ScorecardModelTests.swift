import Foundation
import Testing
@testable import VigilRisk

@Suite("Scorecard model")
struct ScorecardModelTests {
    static let yaml = """
    # hand-computed example
    version: test-1
    bias: -1.0
    features:
      - name: price_ratio
        weight: 0.5
      - name: shared_devices
        weight: 2.0
        clamp: [0, 1]
      - name: refunds
        weight: 1.0
        transform: log1p
    """

    static let json = """
    {"version": "test-1", "bias": -1.0, "features": [
      {"name": "price_ratio", "weight": 0.5},
      {"name": "shared_devices", "weight": 2.0, "clamp": [0, 1]},
      {"name": "refunds", "weight": 1.0, "transform": "log1p"}]}
    """

    func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    @Test("YAML and JSON forms give the hand-computed probability", arguments: [ScorecardFile.Syntax.yaml, .json])
    func handComputed(syntax: ScorecardFile.Syntax) throws {
        let text = syntax == .yaml ? Self.yaml : Self.json
        let model = try ScorecardFile.parse(Data(text.utf8), syntax: syntax, file: "card")
        #expect(model.version == "test-1")
        #expect(model.featureNames == ["price_ratio", "shared_devices", "refunds"])
        // -1 + 0.5·2 + 2·clamp(5 → 1) + 1·ln(1 + (e - 1)) = -1 + 1 + 2 + 1 = 3
        let x = FeatureVector([2, 5, M_E - 1])
        #expect(abs(model.margin(x) - 3) < 1e-12)
        #expect(abs(model.probability(x) - sigmoid(3)) < 1e-12)
        // shared_devices missing contributes 0: -1 + 1 + 1 = 1
        #expect(abs(model.probability(FeatureVector([2, .nan, M_E - 1])) - sigmoid(1)) < 1e-12)
        // everything missing: the bias alone
        #expect(abs(model.probability(FeatureVector(missingCount: 3)) - sigmoid(-1)) < 1e-12)
        // negative input to log1p counts as 0; clamp lower bound raises -3 to 0
        #expect(abs(model.margin(FeatureVector([0, -3, -5])) - -1) < 1e-12)
    }

    @Test("contributions are weight × transformed value, largest first")
    func contributions() throws {
        let model = try ScorecardFile.parse(Data(Self.yaml.utf8), syntax: .yaml, file: "card")
        let top = model.contributions(FeatureVector([2, 5, .nan]), limit: 5)
        #expect(top == [
            FeatureContribution(featureName: "shared_devices", featureIndex: 1, weight: 2),
            FeatureContribution(featureName: "price_ratio", featureIndex: 0, weight: 1),
        ])
        #expect(model.contributions(FeatureVector([2, 5, .nan]), limit: 1).count == 1)
    }

    @Test("missing version defaults to a fingerprint of the bytes")
    func fingerprintVersion() throws {
        let text = "bias: 0\nfeatures:\n  - {name: a, weight: 1}\n"
        let model = try ScorecardFile.parse(Data(text.utf8), syntax: .yaml, file: "card")
        #expect(model.version == ModelFingerprint.of(Data(text.utf8)))
        #expect(model.version.hasPrefix("fnv1a64:") && model.version.count == 24)
    }

    @Test("invalid scorecards name the path of the bad value", arguments: [
        ("bias: 0\nfeatures:\n  - {name: a, weight: 1}\n  - {name: a, weight: 2}\n", "features[1].name"),
        ("bias: 0\nfeatures:\n  - {name: a}\n", "features[0].weight"),
        ("bias: 0\nfeatures:\n  - {name: a, weight: 1, clamp: [2, 1]}\n", "features[0].clamp"),
        ("bias: 0\nfeatures:\n  - {name: a, weight: 1, transform: sqrt}\n", "features[0].transform"),
        ("bias: 0\nfeatures: []\n", "features"),
        ("bias: zero\nfeatures:\n  - {name: a, weight: 1}\n", "bias"),
    ])
    func invalid(text: String, path: String) {
        #expect {
            _ = try ScorecardFile.parse(Data(text.utf8), syntax: .yaml, file: "card.yml")
        } throws: { error in
            guard let error = error as? ModelLoadError else { return false }
            return error.path == path && error.file == "card.yml" && error.description.contains("Fix:")
        }
    }
}
