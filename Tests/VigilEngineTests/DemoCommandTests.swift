import Foundation
import Testing
import VigilTestSupport

@Suite("vigil demo", .serialized)
struct DemoCommandTests {
    /// Runs `vigil demo --scenario <scenario> --json` and returns its summary line, parsed.
    func runDemo(scenario: String, seed: UInt64? = nil) throws -> [String: Any] {
        let (status, text) = try runCapturingOutput(
            try vigilExecutable(),
            ["demo", "--scenario", scenario, "--json", "--timeout", "600", "--work-directory", temporaryPath("demo-\(scenario)")]
                + (seed.map { ["--seed", "\($0)"] } ?? []),
            in: repositoryRoot
        )
        #expect(status == 0)
        #expect(text.contains("Vigil demo summary"))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("DEMO_SUMMARY ") }, "no summary line in:\n\(text.suffix(2000))")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst("DEMO_SUMMARY ".count).utf8)) as? [String: Any])
    }

    /// Detection floors of a scenario.
    struct Floors {
        var precision: Double
        var recall: Double
        var falseInterceptRate: Double
        var leadHonestShare: Double
        /// The presets' floors (default and small scenarios).
        static let presets = Floors(precision: 0.95, recall: 0.90, falseInterceptRate: 0.005, leadHonestShare: 0.5)
        /// Held-out random scenarios: the issue's precision and recall, at most 0.3 % honest intercepts, leads at most 10 % honest.
        static let heldOut = Floors(precision: 0.97, recall: 0.95, falseInterceptRate: 0.003, leadHonestShare: 0.10)
    }

    /// The floors every scenario must meet: merchants caught, honest ones spared, rings recovered
    /// as leads (at least 95 % of true ring members share a lead with another member of their
    /// ring) and no lead made mostly of honest merchants.
    func expectFloors(_ summary: [String: Any], scenario: String, floors: Floors = .presets) throws {
        let precision = try #require(summary["merchant_precision"] as? Double)
        let recall = try #require(summary["merchant_recall"] as? Double)
        let falseIntercepts = try #require(summary["honest_false_intercept_rate"] as? Double)
        #expect(precision >= floors.precision, "\(scenario): merchant precision \(precision)")
        #expect(recall >= floors.recall, "\(scenario): merchant recall \(recall)")
        #expect(falseIntercepts <= floors.falseInterceptRate, "\(scenario): honest false-intercept rate \(falseIntercepts): \(summary["false_intercepts"] ?? [])")
        #expect((summary["leads"] as? Int ?? 0) > 0, "\(scenario): rings became leads")
        let coverage = try #require(summary["ring_member_coverage"] as? Double)
        #expect(coverage >= 0.95, "\(scenario): ring members in a lead with another member of their true ring: \(coverage)")
        let honestShare = try #require(summary["worst_lead_honest_share"] as? Double)
        #expect(honestShare <= floors.leadHonestShare, "\(scenario): honest share of the most honest lead: \(honestShare)")
        #expect((summary["intercepts_applied"] as? Int ?? 0) > 0, "\(scenario): the takedown consumer applied intercepts")
        #expect(summary["lost_ranges"] as? Int == 0, "\(scenario): no consumer fell behind the embedded cluster's retention")
    }

    @Test("the demo runs the small scenario end to end and meets the detection floors")
    func smallScenario() throws {
        let summary = try runDemo(scenario: "small")
        try expectFloors(summary, scenario: "small")
        #expect((summary["events"] as? Int ?? 0) > 10_000)
    }

    @Test("on the default scenario (10 rings, 2,518 merchants) rings are recovered as leads and the floors hold")
    func defaultScenario() throws {
        let summary = try runDemo(scenario: "default")
        try expectFloors(summary, scenario: "default")
        #expect((summary["events"] as? Int ?? 0) > 100_000)
        #expect((summary["leads"] as? Int ?? 0) >= 10, "one lead per true ring at least: \(summary["leads"] ?? "none")")
    }

    /// Random marketplaces whose seeds nothing was trained or tuned on (the committed model was
    /// trained on seeds 1–6 and 9–18, see config/model/model-card.md): honest look-alikes,
    /// adaptive counterfeiters, festival sales and labels drawn per seed.
    @Test("on held-out random scenarios (seeds 2001–2003, never trained on) the learned model meets the CI floors", arguments: [UInt64(2001), 2002, 2003])
    func heldOutRandomScenario(seed: UInt64) throws {
        let summary = try runDemo(scenario: "random", seed: seed)
        try expectFloors(summary, scenario: "random-\(seed)", floors: .heldOut)
        let populations = try #require(summary["populations"] as? [String: [Int]])
        #expect(populations["authorized_seller"]?.last ?? 0 == 0, "random-\(seed): authorised sellers intercepted: \(populations["authorized_seller"] ?? [])")
    }
}
