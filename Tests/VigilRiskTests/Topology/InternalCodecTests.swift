import Foundation
import Testing
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
