import Testing
@testable import VigilRisk

@Suite("Rings: common identifiers do not glue honest merchants")
struct RingsCrowdTests {
    @Test("40 honest shops on one public Wi-Fi, IP and carrier hub are no ring; a real ring among them is")
    func crowdWithRing() throws {
        var index = IdentifierIndex()
        var tracker = RingTracker()
        let crowd = (1...40).map { "h\(String(format: "%02d", $0))" }
        let ring = ["r1", "r2", "r3", "r4", "r5"]
        var sightings: [IdentifierSighting] = []
        // Interleave: the ring members show up among the crowd.
        for (position, merchant) in (crowd.prefix(3) + ring + crowd.dropFirst(3)).enumerated() {
            let ts = Int64(position)
            sightings.append(RingsFixture.sighting(.wifi, "mall-public-wifi", merchant, ts: ts))
            sightings.append(RingsFixture.sighting(.ip, "coworking-nat", merchant, ts: ts))
            sightings.append(RingsFixture.sighting(.shipFromAddress, "carrier-hub-7", merchant, ts: ts))
        }
        for merchant in ring { sightings.append(RingsFixture.sighting(.payoutAccount, "ring-account", merchant)) }
        sightings += [
            RingsFixture.sighting(.device, "phone-A", "r1"), RingsFixture.sighting(.device, "phone-A", "r2"),
            RingsFixture.sighting(.device, "phone-B", "r3"), RingsFixture.sighting(.device, "phone-B", "r4"), RingsFixture.sighting(.device, "phone-B", "r5"),
        ]
        var sawCrowdRing = false
        for sighting in sightings {
            if let event = index.record(sighting) { tracker.apply(event) }
            if tracker.ringID(of: "h01") != nil { sawCrowdRing = true }
        }
        // The first few crowd shops do look linked for a moment (Wi-Fi + IP + hub
        // between 2..5 shops): the lazy rebuild must take that back.
        #expect(sawCrowdRing)
        #expect(index.isCommon(IdentifierKey(kind: .wifi, rawValue: "mall-public-wifi")))
        #expect(index.isCommon(IdentifierKey(kind: .shipFromAddress, rawValue: "carrier-hub-7")))
        let ids = tracker.ringIDs()
        #expect(ids.count == 1)
        let id = try #require(ids.first)
        #expect(tracker.members(of: id) == ring)
        for merchant in crowd {
            #expect(tracker.ringID(of: merchant) == nil, "honest shop \(merchant) must not be in a ring")
            #expect(tracker.features(for: merchant).sharedIdentifiers.isEmpty)
        }
        let state = tracker.ring(id)
        let links = try #require(state).links
        #expect(Set(links.map(\.kind)) == [.payoutAccount, .deviceID])
    }
}
