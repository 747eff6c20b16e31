import Foundation
import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Evaluation: metrics on hand-made verdicts")
struct EvaluationTests {
    /// m1, m2 counterfeit (first listings at 1,000 and 2,000); m3, m4, m5 honest.
    static let truth = GroundTruth(
        scenario: "hand-made", seed: 1, startTime: 0, endTime: 10_000_000,
        merchants: [
            MerchantTruth(merchantID: "m1", label: .counterfeit, population: .ringMember, ringID: "ring-01", siteID: nil,
                          firstListingTS: 1_000, listings: 2, counterfeitListings: 1),
            MerchantTruth(merchantID: "m2", label: .counterfeit, population: .ringMember, ringID: "ring-01", siteID: nil,
                          firstListingTS: 2_000, listings: 1, counterfeitListings: 1),
            MerchantTruth(merchantID: "m3", label: .honest, population: .honest, ringID: nil, siteID: nil,
                          firstListingTS: 500, listings: 1, counterfeitListings: 0),
            MerchantTruth(merchantID: "m4", label: .honest, population: .discountSeller, ringID: nil, siteID: nil,
                          firstListingTS: 500, listings: 1, counterfeitListings: 0),
            MerchantTruth(merchantID: "m5", label: .honest, population: .coworking, ringID: nil, siteID: "site-01",
                          firstListingTS: 500, listings: 1, counterfeitListings: 0),
        ],
        listings: [
            ListingTruth(listingID: "l1", merchantID: "m1", counterfeit: true, brand: "Rolex"),
            ListingTruth(listingID: "l2", merchantID: "m1", counterfeit: false, brand: nil),
            ListingTruth(listingID: "l3", merchantID: "m2", counterfeit: true, brand: "Nike"),
            ListingTruth(listingID: "l4", merchantID: "m3", counterfeit: false, brand: nil),
            ListingTruth(listingID: "l5", merchantID: "m4", counterfeit: false, brand: "Nike"),
            ListingTruth(listingID: "l6", merchantID: "m5", counterfeit: false, brand: nil),
        ],
        rings: [RingTruth(ringID: "ring-01", merchants: ["m1", "m2"], brands: ["Rolex", "Nike"], districts: ["Fujian/Putian/Licheng"])])

    static func verdict(_ subject: VerdictSubject, _ merchant: String, _ decision: VerdictDecision, event: String, ts: Int64) -> Verdict {
        Verdict(subject: subject, merchantID: merchant, score: decision == .intercept ? 90 : 20, decision: decision, reasons: [],
                modelVersion: "test", eventID: event, eventTS: ts, decidedAt: ts + 5)
    }

    /// l1 intercepted 60 s after m1's first listing (twice: a redelivery); m2 intercepted as a
    /// merchant an hour after its first listing, its listing l3 only reviewed; honest l4
    /// intercepted (a false positive); the rest allowed or reviewed.
    static let verdicts: [Verdict] = [
        verdict(.listing("l1"), "m1", .intercept, event: "e1", ts: 61_000),
        verdict(.listing("l1"), "m1", .intercept, event: "e1", ts: 61_000),
        verdict(.listing("l2"), "m1", .allow, event: "e2", ts: 1_500),
        verdict(.listing("l1"), "m1", .intercept, event: "e9", ts: 900_000),
        verdict(.listing("l3"), "m2", .review, event: "e3", ts: 2_000),
        verdict(.merchant, "m2", .intercept, event: "e4", ts: 3_602_000),
        verdict(.listing("l4"), "m3", .intercept, event: "e5", ts: 700),
        verdict(.listing("l5"), "m4", .allow, event: "e6", ts: 800),
        verdict(.listing("l6"), "m5", .review, event: "e7", ts: 900),
        verdict(.merchant, "m-unknown", .intercept, event: "e8", ts: 900),
    ]

    private func evaluate(_ verdicts: [Verdict]) -> EvaluationReport {
        var evaluator = Evaluator(truth: Self.truth)
        for verdict in verdicts { evaluator.add(verdict) }
        return evaluator.report()
    }

    @Test func listingLevelMetrics() {
        let report = evaluate(Self.verdicts)
        // intercepted {l1, l4}; counterfeit {l1, l3}
        #expect(report.listings == ClassificationMetrics(truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 3))
        #expect(report.listings.precision == 0.5)
        #expect(report.listings.recall == 0.5)
        #expect(report.listings.f1 == 0.5)
    }

    @Test func merchantLevelMetrics() {
        let report = evaluate(Self.verdicts)
        // intercepted {m1, m2, m3}; counterfeit {m1, m2}
        #expect(report.merchants == ClassificationMetrics(truePositives: 2, falsePositives: 1, falseNegatives: 0, trueNegatives: 2))
        #expect(abs(report.merchants.precision - 2.0 / 3.0) < 1e-12)
        #expect(report.merchants.recall == 1)
        #expect(abs(report.merchants.f1 - 0.8) < 1e-12)
        #expect(abs(report.honestFalseInterceptRate - 1.0 / 3.0) < 1e-12)
        #expect(report.populations.first { $0.population == .honest }?.intercepted == 1)
        #expect(report.populations.first { $0.population == .discountSeller }?.intercepted == 0)
        #expect(report.populations.first { $0.population == .ringMember } == PopulationOutcome(population: .ringMember, merchants: 2, intercepted: 2))
    }

    @Test func timeToInterceptUsesTheFirstInterceptPerMerchant() {
        let report = evaluate(Self.verdicts)
        // m1: 61,000 − 1,000 = 60 s (the later intercept at 900,000 does not count); m2: 3,602,000 − 2,000 = 1 h.
        #expect(report.timeToIntercept == LatencySummary([60_000, 3_600_000]))
        #expect(report.timeToIntercept.count == 2)
        #expect(report.timeToIntercept.p50 == 60_000)
        #expect(report.timeToIntercept.p90 == 3_600_000)
        #expect(report.timeToIntercept.max == 3_600_000)
        // Order of arrival does not matter.
        #expect(evaluate(Self.verdicts.reversed()).timeToIntercept == report.timeToIntercept)
    }

    @Test func duplicatesAndUnknownsAreCounted() {
        let report = evaluate(Self.verdicts)
        #expect(report.verdictsRead == 10)
        #expect(report.distinctVerdicts == 9)
        #expect(report.interceptVerdicts == 5)
        #expect(report.unknownMerchantVerdicts == 1)
        #expect(report.unknownListingVerdicts == 0)
    }

    @Test func nothingInterceptedScoresZeroNotNaN() {
        let report = evaluate([])
        #expect(report.merchants.precision == 0 && report.merchants.recall == 0 && report.merchants.f1 == 0)
        #expect(report.timeToIntercept.p50 == nil)
        #expect(report.render().contains("n/a"))
    }

    @Test func jsonLinesGiveTheSameReport() throws {
        let encoder = JSONEncoder()
        var lines: [UInt8] = []
        for verdict in Self.verdicts {
            lines += Array(try encoder.encode(verdict)) + [UInt8(ascii: "\n")]
        }
        lines += Array("\n  \n".utf8)
        var evaluator = Evaluator(truth: Self.truth)
        try evaluator.add(jsonLines: lines, source: "verdicts.jsonl")
        #expect(evaluator.report() == evaluate(Self.verdicts))
    }

    @Test func badLineIsNamed() throws {
        var evaluator = Evaluator(truth: Self.truth)
        let good = String(decoding: try JSONEncoder().encode(Self.verdicts[0]), as: UTF8.self)
        let bad = #"{"verdict_id":"v-1","subject":"listing"}"#
        #expect(throws: EvaluationError.self) { try evaluator.add(jsonLines: Array((good + "\n" + bad + "\n").utf8), source: "v.jsonl") }
        do {
            try evaluator.add(jsonLines: Array((good + "\n" + bad + "\n").utf8), source: "v.jsonl")
        } catch {
            #expect(error.description.contains("v.jsonl line 2"))
            #expect(error.description.contains("listing_id"))
        }
    }

    @Test func percentilesByNearestRank() {
        #expect(LatencySummary.percentile(50, of: [1, 2, 3, 4]) == 2)
        #expect(LatencySummary.percentile(90, of: [1, 2, 3, 4]) == 4)
        #expect(LatencySummary.percentile(50, of: [7]) == 7)
        #expect(LatencySummary.percentile(90, of: []) == nil)
        let ten = LatencySummary((1...10).map { Int64($0) * 1_000 })
        #expect(ten.p50 == 5_000 && ten.p90 == 9_000 && ten.max == 10_000)
        #expect(LatencySummary.format(61_000) == "1m 01s")
        #expect(LatencySummary.format(3_600_000) == "1h 00m")
        #expect(LatencySummary.format(850) == "850ms")
    }

    @Test func reportRendersAndRoundTrips() throws {
        let report = evaluate(Self.verdicts)
        let text = report.render()
        #expect(text.contains("precision"))
        #expect(text.contains("merchants"))
        #expect(text.contains("33.33 %"))
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func truthRoundTripsThroughJSON() throws {
        let bytes = try Self.truth.jsonBytes()
        let decoded = try JSONDecoder().decode(GroundTruth.self, from: Data(bytes))
        #expect(decoded == Self.truth)
        let json = String(decoding: bytes, as: UTF8.self)
        #expect(json.contains("\"first_listing_ts\""))
        #expect(json.contains("\"ring_id\" : null"))
    }

    @Test func anOracleScoresPerfectlyOnTheSmallScenario() {
        var evaluator = Evaluator(truth: SimulatedSmall.truth)
        for event in SimulatedSmall.events {
            guard case .listing(let listing) = event, listing.action != .delist else { continue }
            let counterfeit = SimulatedSmall.listings[listing.listingID]!.counterfeit
            evaluator.add(Verdict(subject: .listing(listing.listingID), merchantID: listing.merchantID, score: counterfeit ? 95 : 5,
                                  decision: counterfeit ? .intercept : .allow, reasons: [], modelVersion: "oracle",
                                  eventID: listing.eventID, eventTS: listing.ts, decidedAt: listing.ts))
        }
        let report = evaluator.report()
        #expect(report.listings.precision == 1 && report.listings.recall == 1)
        #expect(report.merchants.precision == 1 && report.merchants.recall == 1)
        #expect(report.honestFalseInterceptRate == 0)
        #expect(report.distinctVerdicts < report.verdictsRead, "redelivered events give the same verdict id")
        #expect((report.timeToIntercept.max ?? 0) < SimulationScenario.small.duration)
    }
}
