import Foundation
import Testing
@testable import VigilRisk
import VigilPrimitives

@Suite("Rings: identifier hashing and index")
struct RingsIdentifierIndexTests {
    @Test("FNV-1a 64 matches the reference vectors and is stable")
    func fnvVectors() {
        #expect(FNV1a64.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        let hash = IdentifierHasher.valueHash(kind: .device, rawValue: "A1B2")
        #expect(hash.count == 16)
        #expect(hash == IdentifierHasher.valueHash(kind: .device, rawValue: "A1B2"))
        #expect(hash != IdentifierHasher.valueHash(kind: .ip, rawValue: "A1B2"))
        #expect(FNV1a64.hex(1) == "0000000000000001")
        #expect(hash == "bb7179f6015322de", "value hashes are a wire format: they must never change")
    }

    @Test("weights fall with the crowd and vanish beyond the cap")
    func weights() {
        let policy = LinkPolicy.default
        #expect(policy.weight(kind: .device, merchantCount: 1) == 0)
        #expect(abs(policy.weight(kind: .device, merchantCount: 2) - 1.5) < 1e-12)
        #expect(abs(policy.weight(kind: .wifi, merchantCount: 3) - 0.5 * log2(3.0) / 2) < 1e-12)
        #expect(policy.weight(kind: .wifi, merchantCount: 8) > 0)
        #expect(policy.weight(kind: .wifi, merchantCount: 9) == 0)
        let custom = LinkPolicy(overrides: [.wifi: KindPolicy(commonCap: 3, strength: 2)])
        #expect(custom.commonCap(for: .wifi) == 3)
        #expect(custom.commonCap(for: .ip) == 8)
    }

    @Test("a new merchant on an identifier emits a link; repeats and first sightings do not")
    func joins() throws {
        var index = IdentifierIndex()
        #expect(index.record(RingsFixture.sighting(.device, "D", "m1", event: "e1")) == nil)
        #expect(index.record(RingsFixture.sighting(.device, "D", "m1", event: "e1-again")) == nil)
        let recorded = index.record(RingsFixture.sighting(.device, "D", "m2", event: "e2"))
        let event = try #require(recorded)
        #expect(event.status == .active)
        #expect(event.merchantIDs == ["m1", "m2"])
        #expect(event.members.map(\.eventID) == ["e1", "e2"])
        #expect(abs(event.weight - 1.5) < 1e-12)
        #expect(event.identifier.valueHash == IdentifierHasher.valueHash(kind: .device, rawValue: "D"))
        #expect(index.record(RingsFixture.sighting(.device, "D", "m2", event: "e3")) == nil)
        #expect(index.merchants(of: IdentifierKey(kind: .device, rawValue: "D")) == ["m1", "m2"])
    }

    @Test("an identifier beyond its cap turns common once, then stays silent")
    func common() throws {
        var index = IdentifierIndex(policy: LinkPolicy(overrides: [.wifi: KindPolicy(commonCap: 3, strength: 0.5)]))
        var events: [LinkEvent] = []
        for merchant in ["m1", "m2", "m3", "m4", "m5"] {
            if let event = index.record(RingsFixture.sighting(.wifi, "mall", merchant)) { events.append(event) }
        }
        #expect(events.map(\.status) == [.active, .active, .common])
        let common = try #require(events.last)
        #expect(common.weight == 0)
        #expect(common.merchantIDs == ["m1", "m2", "m3", "m4"])
        let key = IdentifierKey(kind: .wifi, rawValue: "mall")
        #expect(index.isCommon(key))
        #expect(index.merchants(of: key) == [])
        #expect(index.commonCount == 1)
        #expect(index.identifierCount == 1)
    }
}
