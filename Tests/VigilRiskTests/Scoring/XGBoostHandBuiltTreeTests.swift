import Foundation
import Testing
@testable import VigilRisk

/// A two-tree model built by hand, with every expected value worked out on paper.
///
/// Tree 0:            node0: a < 0.5 ? (missing → left)
///                   /                       \
///     node1: b < 2 ? (missing → right)    node2: leaf 0.3
///        /               \
///   node3: leaf -0.2   node4: leaf 0.1
/// Tree 1: a single leaf 0.05.
@Suite("XGBoost native scoring on a hand-built model")
struct XGBoostHandBuiltTreeTests {
    static let trees = [
        ScoringFixtures.tree(left: [1, 3, -1, -1, -1], right: [2, 4, -1, -1, -1], features: [0, 1, 0, 0, 0],
                             conditions: ["0.5", "2.0", "0.3", "-0.2", "0.1"], defaultLeft: [1, 0, 0, 0, 0],
                             hessians: [10, 6, 4, 2, 4]),
        ScoringFixtures.tree(left: [-1], right: [-1], features: [0], conditions: ["0.05"], defaultLeft: [0]),
    ]

    func model(objective: String = "binary:logitraw", baseScore: String = "0E0") throws -> XGBoostModel {
        try XGBoostModel(jsonData: ScoringFixtures.xgboostJSON(objective: objective, baseScore: baseScore, trees: Self.trees),
                         file: "hand.json")
    }

    /// Float sum as XGBoost does it: base margin, then each tree's leaf in order.
    func floatSum(_ base: Float, _ leaves: Float...) -> Double {
        Double(leaves.reduce(base, +))
    }

    @Test("missing values follow default_left at each node")
    func missingDirection() throws {
        let m = try model()  // logitraw, base 0 → margin 0, output = margin
        #expect(m.baseMargin == 0)
        // a missing → left (default_left=1); b missing → right (default_left=0) → leaf 0.1
        #expect(m.probability(FeatureVector([.nan, .nan])) == floatSum(0, 0.1, 0.05))
        // a missing → left; b = 1 < 2 → leaf -0.2
        #expect(m.probability(FeatureVector([.nan, 1])) == floatSum(0, -0.2, 0.05))
        // a = 1 → right → leaf 0.3, b ignored even when missing
        #expect(m.probability(FeatureVector([1, .nan])) == floatSum(0, 0.3, 0.05))
        // shorter vector: everything past the end is missing
        #expect(m.probability(FeatureVector([])) == floatSum(0, 0.1, 0.05))
    }

    @Test("x < threshold goes left; equality goes right; comparison in Float")
    func comparison() throws {
        let m = try model()
        #expect(m.probability(FeatureVector([0.0, 2.0])) == floatSum(0, 0.1, 0.05))  // 2 < 2 is false → right
        #expect(m.probability(FeatureVector([0.5, 0])) == floatSum(0, 0.3, 0.05))   // 0.5 < 0.5 is false → right
        // 0.49999999 rounds to Float 0.5, so XGBoost (which casts to float32) goes right, not left.
        #expect(m.probability(FeatureVector([0.49999999, 0])) == floatSum(0, 0.3, 0.05))
        #expect(m.probability(FeatureVector([0.4999, 0])) == floatSum(0, -0.2, 0.05))
    }

    @Test("logistic objectives transform base_score to a margin and apply the sigmoid")
    func logistic() throws {
        for objective in ["binary:logistic", "reg:logistic"] {
            // 3.x bracketed base score 0.2 → margin -ln(4)
            let m = try model(objective: objective, baseScore: "[2E-1]")
            #expect(abs(Double(m.baseMargin) - -log(4.0)) < 1e-6)
            let margin = -log(4.0) + 0.1 + 0.05
            #expect(abs(m.probability(FeatureVector([.nan, .nan])) - 1 / (1 + exp(-margin))) < 1e-6)
        }
        let twoX = try model(objective: "binary:logistic", baseScore: "2E-1")
        #expect(abs(Double(twoX.baseMargin) - -log(4.0)) < 1e-6)
    }

    @Test("binary:logitraw uses base_score as the margin, untransformed, like xgboost")
    func logitraw() throws {
        let m = try model(objective: "binary:logitraw", baseScore: "[6.72E-1]")
        #expect(m.baseMargin == Float(0.672))
        #expect(m.probability(FeatureVector([1, 1])) == floatSum(0.672, 0.3, 0.05))
    }

    @Test("reg:squarederror keeps base_score as the margin")
    func squaredError() throws {
        let m = try model(objective: "reg:squarederror", baseScore: "[1.5E0]")
        #expect(m.baseMargin == 1.5)
        #expect(m.probability(FeatureVector([1, 1])) == floatSum(1.5, 0.3, 0.05))
    }

    @Test("Saabas contributions follow the path's hessian-weighted means")
    func saabas() throws {
        let m = try model()
        // Means: node1 = (-0.2·2 + 0.1·4)/6 = 0; node0 = (0·6 + 0.3·4)/10 = 0.12; tree 1 root = 0.05.
        // Row (a=0, b=1): a: node0→node1 = 0 - 0.12; b: node1→node3 = -0.2 - 0; bias = 0 + 0.12 + 0.05.
        let c = try #require(m.saabasContributions(FeatureVector([0, 1])))
        #expect(abs(c[0] - -0.12) < 1e-6)
        #expect(abs(c[1] - -0.2) < 1e-6)
        #expect(abs(c[2] - 0.17) < 1e-6)
        let top = m.contributions(FeatureVector([0, 1]), limit: 5)
        #expect(top.map(\.featureName) == ["b", "a"])
    }
}

@Suite("XGBoost base_score parsing")
struct XGBoostBaseScoreTests {
    @Test("2.x scalar and 3.x bracketed forms", arguments: [
        ("5E-1", [Float(0.5)]), ("[5E-1]", [0.5]), ("[6.72E-1]", [0.672]), (" [ 3E-1 ] ", [0.3]),
        ("6.655219E-1", [0.6655219]), ("[1E-1,2E-1]", [0.1, 0.2]),
    ])
    func parses(text: String, expected: [Float]) {
        #expect(XGBoostBaseScore.parseVector(text) == expected)
    }

    @Test("malformed strings are rejected", arguments: ["", "[5E-1", "abc", "[]", "[5E-1,]"])
    func rejects(text: String) {
        #expect(XGBoostBaseScore.parseVector(text) == nil)
    }
}
