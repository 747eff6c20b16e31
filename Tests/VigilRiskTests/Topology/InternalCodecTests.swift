import Foundation
import Testing
import VigilState
@testable import VigilRisk

@Suite("Internal messages: encoding failures are errors, not empty payloads")
struct InternalCodecTests {
    @Test func aMessageThatIsNotJSONThrows() {
        let message = RingInputMessage(kind: .link, ts: 1, identifierKind: .device, valueHash: "00000000000000aa",
                                       members: [["m1", "e-1"]], weight: .nan, common: false)
        #expect(throws: EncodingError.self) { try InternalCodec.encode(message) }
    }

    @Test func aMessageRoundTrips() throws {
        let message = LinkNoticeMessage(kind: .ip, valueHash: "00000000000000bb", merchantID: "m1", otherMerchants: 2, ts: 5)
        let bytes = try InternalCodec.encode(message)
        #expect(!bytes.isEmpty)
        let decoded = try InternalCodec.decode(LinkNoticeMessage.self, bytes)
        #expect(decoded.merchantID == "m1" && decoded.otherMerchants == 2 && decoded.ts == 5)
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
        #expect(try InternalCodec.encode(decoded) == InternalCodec.encode(Self.messages))
        #expect(try RingCheckpoint.decode(InternalCodec.encode(Self.messages)).count == 3, "JSON checkpoints of older versions")
    }

    @Test func truncatedOrNewerStateIsAnErrorNamingTheField() {
        let bytes = RingCheckpoint.encode(Self.messages)
        #expect(throws: StateDecodingError.self) { try RingCheckpoint.decode(Array(bytes.dropLast(3))) }
        var newer = bytes
        newer[2] = RingCheckpoint.version + 1
        #expect(throws: StateDecodingError.self) { try RingCheckpoint.decode(newer) }
    }
}
