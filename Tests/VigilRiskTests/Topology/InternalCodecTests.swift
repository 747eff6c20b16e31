import Foundation
import Testing
import VigilState
@testable import VigilRisk

@Suite("Internal messages: binary records, the JSON of earlier versions, verdicts as JSONEncoder wrote them")
struct InternalCodecTests {
    static let sightings = [
        IdentifierSightingMessage(kind: .payoutAccount, valueHash: "00000000000000aa", merchantID: "m1", eventID: "e-1", ts: 1_732_380_000_000),
        IdentifierSightingMessage(kind: .imageHash, valueHash: "00000000000000bb", merchantID: "店铺-2", eventID: "e-2", ts: -5, official: true),
        IdentifierSightingMessage(kind: .ip, valueHash: "00000000000000cc", merchantID: "", eventID: "", ts: 0, official: false),
    ]
    static let notice = LinkNoticeMessage(kind: .ip, valueHash: "00000000000000bb", merchantID: "m1", otherMerchants: 2, ts: 5)
    static let features = RingFeaturesMessage(merchantID: "m1", ts: 9, features: RingFeatures(
        ringID: "ring-01", ringSize: 3, linkedIntercepted: 1, maxLinkedScore: 88, meanLinkedScore: 61.5,
        sharedIdentifiers: [.device: 2, .payoutAccount: 1]))

    @Test func everyMessageRoundTripsAndCarriesItsTag() throws {
        for sighting in Self.sightings {
            let bytes = InternalCodec.encode(sighting)
            #expect(Array(bytes.prefix(3)) == [0x49, 0x53, InternalCodec.version])
            #expect(try InternalCodec.decode(IdentifierSightingMessage.self, bytes) == sighting)
        }
        #expect(try InternalCodec.decode(LinkNoticeMessage.self, InternalCodec.encode(Self.notice)) == Self.notice)
        #expect(try InternalCodec.decode(RingFeaturesMessage.self, InternalCodec.encode(Self.features)) == Self.features)
        #expect(InternalCodec.encode(Self.features) == InternalCodec.encode(try InternalCodec.decode(RingFeaturesMessage.self, InternalCodec.encode(Self.features))),
                "shared identifiers in a fixed order: equal messages, equal bytes")
        let link = RingInputMessage(kind: .link, ts: 1, identifierKind: .device, valueHash: "00000000000000aa",
                                    members: [["m1", "e-1"]], weight: .nan, common: false)
        let decoded = try InternalCodec.decode(RingInputMessage.self, InternalCodec.encode(link))
        #expect(decoded.weight?.isNaN == true && decoded.members == [["m1", "e-1"]], "binary carries every Double")
    }

    @Test func recordsThatEarlierVersionsWroteAsJSONStillDecode() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for sighting in Self.sightings {
            #expect(try InternalCodec.decode(IdentifierSightingMessage.self, Array(encoder.encode(sighting))) == sighting)
        }
        #expect(try InternalCodec.decode(LinkNoticeMessage.self, Array(encoder.encode(Self.notice))) == Self.notice)
        #expect(try InternalCodec.decode(RingFeaturesMessage.self, Array(encoder.encode(Self.features))) == Self.features)
        #expect(try IdentifierHistoryState.decode(Array(encoder.encode(Self.sightings))) == Self.sightings)
        #expect(try IdentifierHistoryState.decode(IdentifierHistoryState.encode(Self.sightings)) == Self.sightings)
    }

    @Test func aRecordOfAnotherKindOrTruncatedIsAnErrorNamingIt() {
        let bytes = InternalCodec.encode(Self.notice)
        #expect(throws: StateDecodingError.self) { try InternalCodec.decode(RingFeaturesMessage.self, bytes) }
        #expect(throws: StateDecodingError.self) { try InternalCodec.decode(LinkNoticeMessage.self, Array(bytes.dropLast())) }
        #expect(throws: StateDecodingError.self) { try InternalCodec.decode(LinkNoticeMessage.self, bytes + [0]) }
        #expect(throws: StateDecodingError.self) { try IdentifierHistoryState.decode(Array(IdentifierHistoryState.encode(Self.sightings).dropLast(2))) }
    }

    @Test func verdictsHaveTheBytesJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let weights: [Double] = [0.9, 1, -0.0, 2.5e-7, 1e16, 123_456_789, 0.1 + 0.2, -3]
        let verdicts = [
            Verdict(subject: .listing("l-1"), merchantID: "m-\"q\"", score: 77, decision: .intercept,
                    reasons: weights.enumerated().map { VerdictReason(code: "c\($0.offset)", detail: "tab\tnew\nline 中 \u{1}", weight: $0.element) },
                    modelVersion: "xgb-1", eventID: "e-1", eventTS: 1_732_380_000_123, decidedAt: -1),
            Verdict(subject: .merchant, merchantID: "m2", score: 0, decision: .allow, reasons: [], modelVersion: "", eventID: "", eventTS: 0, decidedAt: 0),
        ]
        for verdict in verdicts {
            let bytes = try verdict.encodedJSON()
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try encoder.encode(verdict), as: UTF8.self))
            #expect(try JSONDecoder().decode(Verdict.self, from: Data(bytes)) == verdict)
        }
    }

    @Test func aVerdictThatJSONCannotCarryThrows() {
        let verdict = Verdict(subject: .merchant, merchantID: "m1", score: 50, decision: .review,
                              reasons: [VerdictReason(code: "bad", detail: "", weight: .nan)], modelVersion: "v", eventID: "e", eventTS: 1, decidedAt: 2)
        #expect(throws: EncodingError.self) { try verdict.encodedJSON() }
    }
}

@Suite("Ring checkpoint: the binary format and the JSON it replaced")
struct RingCheckpointTests {
    static let messages = [
        RingInputMessage(kind: .link, ts: 1, identifierKind: .wifi, valueHash: "00000000000000aa", members: [["m1", "e-1"], ["m2", "e-2"]], weight: 0.25, common: true),
        RingInputMessage(kind: .risk, ts: 2, merchantID: "m1", score: -3, intercepted: false, evidence: [LeadEvidence(merchantID: "m1", eventID: "e-1", reasonCode: "x")]),
        RingInputMessage(kind: .shipment, ts: 3, merchantID: "m2", location: ShipFromLocation(province: "p", city: "c", district: "d")),
    ]

    @Test func everyFieldRoundTrips() throws {
        let bytes = RingCheckpoint.encode(Self.messages)
        let decoded = try RingCheckpoint.decode(bytes)
        #expect(RingCheckpoint.encode(decoded) == bytes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try RingCheckpoint.decode(Array(encoder.encode(Self.messages))).count == 3, "JSON checkpoints of older versions")
    }

    @Test func truncatedOrNewerStateIsAnErrorNamingTheField() {
        let bytes = RingCheckpoint.encode(Self.messages)
        #expect(throws: StateDecodingError.self) { try RingCheckpoint.decode(Array(bytes.dropLast(3))) }
        var newer = bytes
        newer[2] = RingCheckpoint.version + 1
        #expect(throws: StateDecodingError.self) { try RingCheckpoint.decode(newer) }
    }
}
