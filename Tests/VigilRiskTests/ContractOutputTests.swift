import Foundation
import Testing
@testable import VigilRisk
import VigilPrimitives

@Suite("Contract: verdict and lead outputs")
struct ContractOutputTests {
    static let verdictKeys: Set<String> = [
        "verdict_id", "subject", "merchant_id", "listing_id", "score", "decision", "reasons", "model_version",
        "event_id", "event_ts", "decided_at",
    ]

    private func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A listing verdict with three reasons (also pinned byte for byte by `ReferenceVectorTests`).
    func listingVerdict() -> Verdict {
        Verdict(
            subject: .listing("l-42"), merchantID: "m0000277", score: 91, decision: .intercept,
            reasons: [
                VerdictReason(code: "new_store", detail: "store is 12 days old", weight: 0.2),
                VerdictReason(code: "ocr_price_mismatch", detail: "image shows 780, listed at 100000", weight: 0.9),
                VerdictReason(code: "counterfeit_wording", detail: "title says 高仿", weight: 0.5),
            ],
            modelVersion: "rules-1", eventID: "e-0001", eventTS: 1_732_380_000_123, decidedAt: 1_732_380_000_200)
    }

    @Test func listingVerdictHasExactlyTheContractFields() throws {
        let json = try object(listingVerdict())
        #expect(Set(json.keys) == Self.verdictKeys)
        #expect(json["subject"] as? String == "listing")
        #expect(json["listing_id"] as? String == "l-42")
        #expect(json["decision"] as? String == "intercept")
        #expect((json["score"] as? NSNumber)?.intValue == 91)
        #expect((json["event_ts"] as? NSNumber)?.int64Value == 1_732_380_000_123)
        #expect((json["decided_at"] as? NSNumber)?.int64Value == 1_732_380_000_200)
        let reasons = try #require(json["reasons"] as? [[String: Any]])
        #expect(reasons.map { Set($0.keys) } == Array(repeating: ["code", "detail", "weight"], count: 3))
        #expect(reasons.map { $0["code"] as? String } == ["ocr_price_mismatch", "counterfeit_wording", "new_store"])
    }

    @Test func merchantVerdictWritesAnExplicitNullListingID() throws {
        let verdict = Verdict(subject: .merchant, merchantID: "m1", score: 150, decision: .review, reasons: [],
                              modelVersion: "rules-1", eventID: "e-9", eventTS: 1, decidedAt: 2)
        let text = String(decoding: try JSONEncoder().encode(verdict), as: UTF8.self)
        #expect(text.contains(#""listing_id":null"#))
        let json = try object(verdict)
        #expect(Set(json.keys) == Self.verdictKeys)
        #expect(json["listing_id"] is NSNull)
        #expect(json["subject"] as? String == "merchant")
        #expect(verdict.score == 100)  // clamped
    }

    @Test func verdictRoundTrips() throws {
        for verdict in [listingVerdict(), Verdict(subject: .merchant, merchantID: "m1", score: 0, decision: .allow, reasons: [],
                                                   modelVersion: "v", eventID: "e", eventTS: 1, decidedAt: 2)] {
            let decoded = try JSONDecoder().decode(Verdict.self, from: JSONEncoder().encode(verdict))
            #expect(decoded == verdict)
            #expect(try Verdict(json: verdict.encodedJSON()) == verdict)
            #expect(try Verdict(json: Array(JSONEncoder().encode(verdict))) == verdict)
        }
    }

    @Test func scannedVerdictSkipsUnknownKeysAndNamesTheBadField() throws {
        let base = #""subject":"merchant","merchant_id":"m","listing_id":null,"score":1,"decision":"allow","model_version":"x","event_id":"e","event_ts":1,"decided_at":1"#
        let extra = try Verdict(json: Array(#"{"verdict_id":"v",\#(base),"reasons":[{"code":"c","detail":"d","weight":0.5,"new":[1]}],"future":{"a":1}}"#.utf8))
        #expect(extra.reasons == [VerdictReason(code: "c", detail: "d", weight: 0.5)])
        #expect(extra.verdictID == "v")
        #expect(throws: ContractViolation(.missingField, field: "verdict_id", "required field is missing")) {
            try Verdict(json: Array("{\(base),\"reasons\":[]}".utf8))
        }
        #expect(throws: ContractViolation(.wrongType, field: "reasons[0].weight", "expected a number, got string \"1\"")) {
            try Verdict(json: Array(#"{"verdict_id":"v",\#(base),"reasons":[{"code":"c","detail":"d","weight":"1"}]}"#.utf8))
        }
    }

    @Test(arguments: [
        #"{"verdict_id":"v","subject":"merchant","merchant_id":"m","listing_id":"l","score":1,"decision":"allow","reasons":[],"model_version":"x","event_id":"e","event_ts":1,"decided_at":1}"#,
        #"{"verdict_id":"v","subject":"listing","merchant_id":"m","listing_id":null,"score":1,"decision":"allow","reasons":[],"model_version":"x","event_id":"e","event_ts":1,"decided_at":1}"#,
        #"{"verdict_id":"v","subject":"shop","merchant_id":"m","listing_id":null,"score":1,"decision":"allow","reasons":[],"model_version":"x","event_id":"e","event_ts":1,"decided_at":1}"#,
        #"{"verdict_id":"v","subject":"merchant","merchant_id":"m","listing_id":null,"score":101,"decision":"allow","reasons":[],"model_version":"x","event_id":"e","event_ts":1,"decided_at":1}"#,
        #"{"verdict_id":"v","subject":"merchant","merchant_id":"m","listing_id":null,"score":1,"decision":"block","reasons":[],"model_version":"x","event_id":"e","event_ts":1,"decided_at":1}"#,
    ])
    func inconsistentVerdictsDoNotDecode(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Verdict.self, from: Data(json.utf8)) }
        #expect(throws: ContractViolation.self) { try Verdict(json: Array(json.utf8)) }
    }

    @Test func verdictIDIsDeterministicAndDistinguishesSubjects() {
        let a = VerdictID.make(eventID: "e-0001", subject: .listing("l-42"))
        #expect(a == VerdictID.make(eventID: "e-0001", subject: .listing("l-42")))
        #expect(a == listingVerdict().verdictID)
        #expect(a != VerdictID.make(eventID: "e-0001", subject: .merchant))
        #expect(a != VerdictID.make(eventID: "e-0002", subject: .listing("l-42")))
        #expect(a.hasPrefix("v-") && a.count == 34)
        #expect(a.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // Pinned values: a change here breaks idempotence across deployed versions.
        #expect(FNV1a64.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        #expect(VerdictID.make(eventID: "e-0001", subject: .merchant) == Self.pinnedMerchantVerdictID)
    }

    /// Computed independently (Python FNV-1a over "e-0001\0merchant", both seeds); must never change.
    static let pinnedMerchantVerdictID = "v-40c6bab05a64bfc42dfb885748167414"

    @Test func leadHasExactlyTheContractFields() throws {
        let lead = Lead(
            ringID: "ring-7", merchants: ["m1", "m2"],
            links: [LeadLink(kind: .deviceID, valueHash: "h1", merchants: ["m1", "m2"]),
                    LeadLink(kind: LeadLinkKind(rawValue: "future_kind"), valueHash: "h2", merchants: ["m2"])],
            shipFrom: [LeadShipFrom(province: "福建", city: "莆田", district: "荔城区", count: 42)],
            score: 77,
            evidence: [LeadEvidence(merchantID: "m1", eventID: "e-1", reasonCode: "ocr_price_mismatch")],
            updatedAt: 1_732_380_000_999)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lead.encodedJSON())) as? [String: Any])
        #expect(Set(json.keys) == ["ring_id", "merchants", "links", "ship_from", "score", "evidence", "updated_at"])
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.allSatisfy { Set($0.keys) == ["kind", "value_hash", "merchants"] })
        #expect(links.map { $0["kind"] as? String } == ["device_id", "future_kind"])
        let shipFrom = try #require(json["ship_from"] as? [[String: Any]])
        #expect(shipFrom.allSatisfy { Set($0.keys) == ["province", "city", "district", "count"] })
        let evidence = try #require(json["evidence"] as? [[String: Any]])
        #expect(evidence.allSatisfy { Set($0.keys) == ["merchant_id", "event_id", "reason_code"] })
        #expect(try JSONDecoder().decode(Lead.self, from: Data(lead.encodedJSON())) == lead)
        // The bytes JSONEncoder with sorted keys wrote before the lead had its own writer.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(lead.encodedJSON() == Array(try encoder.encode(lead)))
    }

    @Test func aLeadWithCharactersJSONMustEscapeReadsBackTheSame() throws {
        let lead = Lead(
            ringID: "ring-\"quoted\"", merchants: ["m\\1", "m\n2"],
            links: [LeadLink(kind: .ip, valueHash: "a/b", merchants: ["m\\1", "m\n2"])],
            shipFrom: [], score: 100, evidence: [LeadEvidence(merchantID: "m\t1", eventID: "e\u{1}", reasonCode: "r")], updatedAt: -1)
        #expect(try JSONDecoder().decode(Lead.self, from: Data(lead.encodedJSON())) == lead)
    }
}
