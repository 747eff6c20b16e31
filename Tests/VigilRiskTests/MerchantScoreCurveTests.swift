import Testing
@testable import VigilRisk
@testable import VigilSimulation

/// `vigil evaluate`'s merchant-level precision–recall curve over score thresholds.
@Suite("Evaluation: merchant-level precision-recall curve")
struct MerchantScoreCurveTests {
    static func verdict(_ merchant: String, score: Int, event: String) -> Verdict {
        Verdict(subject: .merchant, merchantID: merchant, score: score, decision: .allow, reasons: [], modelVersion: "t",
                eventID: event, eventTS: 1, decidedAt: 2)
    }

    @Test("a merchant's max verdict score decides; the lowest threshold within the budget is found")
    func curve() {
        var evaluator = Evaluator(truth: EvaluationTests.truth)
        // Counterfeit m1 max 90, m2 max 70; honest m3 max 75, m4 40, m5 has no verdict (scores 0).
        for (merchant, score, event) in [("m1", 30, "a"), ("m1", 90, "b"), ("m2", 70, "c"), ("m3", 75, "d"), ("m4", 40, "e"), ("m3", 75, "d")] {
            evaluator.add(Self.verdict(merchant, score: score, event: event))
        }
        let curve = evaluator.merchantCurve()
        #expect(curve.points.count == 101)
        let at70 = curve.points[70].metrics
        #expect((at70.truePositives, at70.falsePositives, at70.falseNegatives, at70.trueNegatives) == (2, 1, 0, 2))
        let at76 = curve.points[76].metrics
        #expect((at76.truePositives, at76.falsePositives) == (1, 0))
        #expect(curve.points[0].metrics.falsePositives == 3, "at 0 every merchant is caught")
        #expect(curve.lowestThreshold(within: 0.001) == 76)
        #expect(curve.lowestThreshold(within: 0.34) == 41, "one honest merchant of three is within a third")
        let text = curve.render(budget: 0.001)
        #expect(text.contains("lowest threshold within the 0.10 % budget: 76 (precision 1.000, recall 0.500)"))
        #expect(text.contains("<- lowest within budget"))
    }
}
