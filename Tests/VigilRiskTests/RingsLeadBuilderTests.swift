import Foundation
import Testing
@testable import VigilRisk

@Suite("Rings: leads")
struct RingsLeadBuilderTests {
    let putian = ShipFromLocation(province: "Fujian", city: "Putian", district: "Licheng")

    @Test("the score formula matches the documented example")
    func formulaExample() {
        let ring = RingState(
            ringID: "r", merchants: ["a", "b", "c", "d"], links: [], strongLinkCount: 2,
            risks: ["a": MerchantRisk(score: 80, intercepted: false), "b": MerchantRisk(score: 70, intercepted: false),
                    "c": MerchantRisk(score: 60, intercepted: false), "d": MerchantRisk(score: 50, intercepted: false)],
            evidence: [])
        #expect(RingScoreFormula().score(ring) == 80)  // 40 + 19.5 + 10 + 0 + 10 = 79.5
        let intercepted = RingState(ringID: "r", merchants: ["a", "b"], links: [], strongLinkCount: 9,
                                    risks: ["a": MerchantRisk(score: 100, intercepted: true), "b": MerchantRisk(score: 100, intercepted: true)], evidence: [])
        #expect(RingScoreFormula().score(intercepted) == 100)  // clamped
    }

    @Test("link evidence names the kind as the lead's links do: shared_device_id, shared_wifi_bssid, shared_<kind> for the others")
    func linkEvidenceUsesTheContractsLinkKinds() throws {
        #expect(IdentifierKind.allCases.map(\.sharedReasonCode) == [
            "shared_device_id", "shared_wifi_bssid", "shared_ip", "shared_payout_account",
            "shared_return_address", "shared_ship_from_address", "shared_image_hash",
        ])
        var detector = RingDetector(leadPolicy: LeadPolicy(minimumSuspects: 0))
        for merchant in ["a", "b"] {
            detector.observe(RingsFixture.sighting(.device, "D", merchant, event: "dev-\(merchant)"))
            detector.observe(RingsFixture.sighting(.wifi, "W", merchant, event: "wifi-\(merchant)"))
            detector.updateMerchantRisk(merchantID: merchant, score: 90, intercepted: false)
        }
        let lead = try #require(detector.drainLeads(now: 1).first)
        #expect(lead.links.map(\.kind) == [.deviceID, .wifiBSSID])
        #expect(lead.evidence.map(\.reasonCode) == ["shared_device_id", "shared_device_id", "shared_wifi_bssid", "shared_wifi_bssid"])
    }

    @Test("a ring becomes a lead past the threshold, is re-emitted when it grows, never when unchanged")
    func thresholdAndReemit() throws {
        // The score alone decides here (no intercepted member required); see `leadsNeedAnIntercept`.
        var detector = RingDetector(leadPolicy: LeadPolicy(minimumSuspects: 0))
        detector.observe(RingsFixture.sighting(.payoutAccount, "P", "a", event: "pay-a"))
        detector.observe(RingsFixture.sighting(.payoutAccount, "P", "b", event: "pay-b"))
        detector.updateMerchantRisk(merchantID: "a", score: 20, intercepted: false)
        detector.updateMerchantRisk(merchantID: "b", score: 20, intercepted: false)
        // 10 + 6 + 5 + 0 + 5 = 26 < 60
        #expect(detector.drainLeads(now: 1).isEmpty)

        detector.updateMerchantRisk(merchantID: "a", score: 80, intercepted: false,
                                    evidence: [LeadEvidence(merchantID: "a", eventID: "lst-1", reasonCode: "ocr_price_mismatch")])
        detector.updateMerchantRisk(merchantID: "b", score: 60, intercepted: false)
        detector.observeShipment(merchantID: "a", eventID: "shp-1", ts: 5, location: putian, addressHash: nil)
        // 40 + 21 + 5 + 0 + 5 = 71
        let firstLeads = detector.drainLeads(now: 1000)
        let first = try #require(firstLeads.first)
        #expect(first.ringID == RingTracker.foundingRingID("a", "b"))
        #expect(first.merchants == ["a", "b"])
        #expect(first.score == 71)
        #expect(first.updatedAt == 1000)
        #expect(first.links == [LeadLink(identifier: .payoutAccount, valueHash: IdentifierHasher.valueHash(kind: .payoutAccount, rawValue: "P"), merchants: ["a", "b"])])
        #expect(first.shipFrom == [ShipFromCount(location: putian, count: 1)])
        #expect(first.evidence == [
            LeadEvidence(merchantID: "a", eventID: "lst-1", reasonCode: "ocr_price_mismatch"),
            LeadEvidence(merchantID: "a", eventID: "pay-a", reasonCode: "shared_payout_account"),
            LeadEvidence(merchantID: "b", eventID: "pay-b", reasonCode: "shared_payout_account"),
        ])

        // Nothing changed, or only ship-from counts / the same risk: no new lead.
        #expect(detector.drainLeads(now: 2000).isEmpty)
        detector.observeShipment(merchantID: "b", eventID: "shp-2", ts: 6, location: putian, addressHash: nil)
        detector.updateMerchantRisk(merchantID: "a", score: 80, intercepted: false)
        #expect(detector.drainLeads(now: 3000).isEmpty)

        // The ring grows: re-emitted under the same id.
        detector.observe(RingsFixture.sighting(.payoutAccount, "P", "c", event: "pay-c"))
        let grownLeads = detector.drainLeads(now: 4000)
        let grown = try #require(grownLeads.first)
        #expect(grown.ringID == first.ringID)
        #expect(grown.merchants == ["a", "b", "c"])
        #expect(grown.score == 67)  // 40 + 14 + 7.92 + 0 + 5 = 66.92
        #expect(grown.shipFrom == [ShipFromCount(location: putian, count: 2)])

        // Only the score changes: re-emitted.
        detector.updateMerchantRisk(merchantID: "c", score: 90, intercepted: true)
        let rescoredLeads = detector.drainLeads(now: 5000)
        let rescored = try #require(rescoredLeads.first)
        #expect(rescored.score == 45 + 23 + 8 + 10 + 5)  // 0.5*90 + 0.3*76.67 + 7.92 + 10 + 5 = 90.92 → 91
        #expect(detector.drainLeads(now: 6000).isEmpty)
    }

    @Test("links and a score over the threshold are not a lead until a member is a suspect")
    func leadsNeedAnIntercept() throws {
        // One owner's three shops on one device and payout account, one of them briefly suspicious.
        var detector = RingDetector()
        for shop in ["a", "b", "c"] {
            detector.observe(RingsFixture.sighting(.payoutAccount, "P", shop, event: "pay-\(shop)"))
            detector.observe(RingsFixture.sighting(.device, "D", shop, event: "dev-\(shop)"))
        }
        detector.updateMerchantRisk(merchantID: "a", score: 65, intercepted: false)
        detector.updateMerchantRisk(merchantID: "b", score: 40, intercepted: false)
        detector.updateMerchantRisk(merchantID: "c", score: 30, intercepted: false)
        #expect(detector.drainLeads(now: 1).isEmpty, "no suspect member: no lead, whatever the links")
        detector.updateMerchantRisk(merchantID: "a", score: 66, intercepted: false, evidence: [LeadEvidence(merchantID: "a", eventID: "e9", reasonCode: "model_return_rate_30d")])
        #expect(detector.drainLeads(now: 2).isEmpty, "a reason that is not about intercepted listings makes no suspect")
        detector.updateMerchantRisk(merchantID: "b", score: 45, intercepted: false, evidence: [LeadEvidence(merchantID: "b", eventID: "e10", reasonCode: "intercepted_listings")])
        let leads = detector.drainLeads(now: 3)
        let lead = try #require(leads.first, "b's own listings were intercepted")
        #expect(lead.merchants == ["a", "b", "c"])
        #expect(lead.score >= LeadPolicy().threshold)

        // A member scoring the suspect score counts too.
        var scored = RingDetector()
        for shop in ["x", "y"] { scored.observe(RingsFixture.sighting(.device, "D2", shop, event: "dev-\(shop)")) }
        scored.updateMerchantRisk(merchantID: "x", score: 74, intercepted: false)
        scored.updateMerchantRisk(merchantID: "y", score: 74, intercepted: false)
        #expect(scored.drainLeads(now: 1).isEmpty, "ring score 69, but no member scores 75")
        scored.updateMerchantRisk(merchantID: "x", score: 95, intercepted: false)
        #expect(scored.drainLeads(now: 2).count == 1)
    }

    @Test("evidence and ship-from lists are bounded by the policy")
    func bounded() throws {
        var builder = LeadBuilder(policy: LeadPolicy(threshold: 0, minimumSuspects: 0, maxEvidence: 2, maxShipFrom: 1))
        let evidence = (1...5).map { LeadEvidence(merchantID: "a", eventID: "e\($0)", reasonCode: "x") }
        let ring = RingState(ringID: "r", merchants: ["a", "b"], links: [], strongLinkCount: 0, risks: [:], evidence: evidence)
        let counts = [ShipFromCount(location: putian, count: 1), ShipFromCount(province: "Z", city: "Z", district: "Z", count: 9)]
        let evaluated = builder.evaluate(ring, shipFrom: counts, now: 1)
        let lead = try #require(evaluated)
        #expect(lead.evidence.map(\.eventID) == ["e1", "e2"])
        #expect(lead.shipFrom == [ShipFromCount(province: "Z", city: "Z", district: "Z", count: 9)])
        #expect(builder.evaluate(ring, shipFrom: counts, now: 2) == nil)
        builder.forget(ringID: "r")
        #expect(builder.evaluate(ring, shipFrom: counts, now: 3) != nil)
    }

    @Test("a snapshot encodes with the lead's snake_case field names")
    func encoding() throws {
        let snapshot = Lead(ringID: "ring-1", merchants: ["a"], links: [LeadLink(identifier: .imageHash, valueHash: "00ff", merchants: ["a"])],
                                    shipFrom: [ShipFromCount(location: putian, count: 2)], score: 70,
                                    evidence: [LeadEvidence(merchantID: "a", eventID: "e", reasonCode: "shared_image_hash")], updatedAt: 42)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(snapshot)) as? [String: Any])
        #expect(Set(object.keys) == ["ring_id", "merchants", "links", "ship_from", "score", "evidence", "updated_at"])
        let link = try #require((object["links"] as? [[String: Any]])?.first)
        #expect(link["kind"] as? String == "image_hash")
        #expect(link["value_hash"] as? String == "00ff")
        let proof = try #require((object["evidence"] as? [[String: Any]])?.first)
        #expect(Set(proof.keys) == ["merchant_id", "event_id", "reason_code"])
        #expect(try JSONDecoder().decode(Lead.self, from: JSONEncoder().encode(snapshot)) == snapshot)
    }
}
