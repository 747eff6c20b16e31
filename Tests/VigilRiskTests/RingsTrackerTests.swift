import Testing
@testable import VigilRisk

@Suite("Rings: ring tracker")
struct RingsTrackerTests {
    @Test("every member of a hand-made ring is found and the ring id stays as it grows")
    func growingRing() throws {
        var index = IdentifierIndex()
        var tracker = RingTracker()
        RingsFixture.feed([
            RingsFixture.sighting(.payoutAccount, "P1", "m1"),
            RingsFixture.sighting(.payoutAccount, "P1", "m2"),
        ], index: &index, tracker: &tracker)
        let founded = RingTracker.foundingRingID("m1", "m2")
        #expect(tracker.ringID(of: "m1") == founded)
        #expect(tracker.ringID(of: "m2") == founded)
        #expect(founded.hasPrefix("ring-") && founded.count == 21)

        RingsFixture.feed([
            RingsFixture.sighting(.device, "D1", "m2"),
            RingsFixture.sighting(.device, "D1", "m3"),
            RingsFixture.sighting(.imageHash, "I1", "m3"),
            RingsFixture.sighting(.imageHash, "I1", "m4"),
            RingsFixture.sighting(.wifi, "W1", "m3"),
            RingsFixture.sighting(.wifi, "W1", "m4"),
            RingsFixture.sighting(.returnAddress, "R1", "m4"),
            RingsFixture.sighting(.returnAddress, "R1", "m5"),
        ], index: &index, tracker: &tracker)
        #expect(tracker.ringIDs() == [founded])
        #expect(tracker.members(of: founded) == ["m1", "m2", "m3", "m4", "m5"])
        let state = tracker.ring(founded)
        let ring = try #require(state)
        #expect(ring.links.map(\.kind) == [.payoutAccount, .deviceID, .imageHash, .returnAddress, .wifiBSSID])
        #expect(ring.links[1].merchants == ["m2", "m3"])
        #expect(ring.strongLinkCount == 3)  // photo 0.7 and Wi-Fi 0.5 link m3-m4 only together
    }

    @Test("weak identifiers alone do not link; together with a stronger one they do")
    func weakLinks() {
        var index = IdentifierIndex()
        var tracker = RingTracker()
        RingsFixture.feed([
            RingsFixture.sighting(.wifi, "W", "a"), RingsFixture.sighting(.wifi, "W", "b"),
            RingsFixture.sighting(.ip, "IP", "a"), RingsFixture.sighting(.ip, "IP", "b"),
        ], index: &index, tracker: &tracker)
        #expect(tracker.ringID(of: "a") == nil)  // 0.5 + 0.4 < 1
        RingsFixture.feed([RingsFixture.sighting(.shipFromAddress, "S", "a"), RingsFixture.sighting(.shipFromAddress, "S", "b")], index: &index, tracker: &tracker)
        #expect(tracker.ringID(of: "a") == RingTracker.foundingRingID("a", "b"))  // + 0.8
    }

    @Test("a link between two rings merges them under the larger ring's id")
    func mergeKeepsLarger() throws {
        var index = IdentifierIndex()
        var tracker = RingTracker()
        RingsFixture.feed([
            RingsFixture.sighting(.payoutAccount, "PA", "a1"), RingsFixture.sighting(.payoutAccount, "PA", "a2"), RingsFixture.sighting(.payoutAccount, "PA", "a3"),
            RingsFixture.sighting(.payoutAccount, "PB", "z1"), RingsFixture.sighting(.payoutAccount, "PB", "z2"),
        ], index: &index, tracker: &tracker)
        let big = RingTracker.foundingRingID("a1", "a2")
        let small = RingTracker.foundingRingID("z1", "z2")
        #expect(tracker.ringIDs() == [big, small].sorted())
        _ = tracker.takeChanges()
        RingsFixture.feed([RingsFixture.sighting(.device, "D", "a3"), RingsFixture.sighting(.device, "D", "z1")], index: &index, tracker: &tracker)
        #expect(tracker.ringIDs() == [big])
        #expect(tracker.members(of: big) == ["a1", "a2", "a3", "z1", "z2"])
        let changes = tracker.takeChanges()
        #expect(changes.updated == [big])
        #expect(changes.retired == [small])
    }

    @Test("rings of equal size merge under the lexicographically smaller id")
    func mergeTie() {
        var index = IdentifierIndex()
        var tracker = RingTracker()
        RingsFixture.feed([
            RingsFixture.sighting(.payoutAccount, "P1", "x1"), RingsFixture.sighting(.payoutAccount, "P1", "x2"),
            RingsFixture.sighting(.payoutAccount, "P2", "y1"), RingsFixture.sighting(.payoutAccount, "P2", "y2"),
            RingsFixture.sighting(.device, "D", "x2"), RingsFixture.sighting(.device, "D", "y1"),
        ], index: &index, tracker: &tracker)
        let expected = min(RingTracker.foundingRingID("x1", "x2"), RingTracker.foundingRingID("y1", "y2"))
        #expect(tracker.ringIDs() == [expected])
        #expect(tracker.members(of: expected).count == 4)
    }

    @Test("a withdrawn identifier splits a ring: the larger piece keeps the id, the rest get new ids")
    func splitOnWithdrawal() throws {
        var index = IdentifierIndex(policy: LinkPolicy(overrides: [.device: KindPolicy(commonCap: 4, strength: 1.5)]))
        var tracker = RingTracker()
        RingsFixture.feed([
            RingsFixture.sighting(.payoutAccount, "P1", "a"), RingsFixture.sighting(.payoutAccount, "P1", "b"), RingsFixture.sighting(.payoutAccount, "P1", "c"),
            RingsFixture.sighting(.payoutAccount, "P2", "x"), RingsFixture.sighting(.payoutAccount, "P2", "y"),
            RingsFixture.sighting(.device, "D", "c"), RingsFixture.sighting(.device, "D", "x"),
        ], index: &index, tracker: &tracker)
        let original = RingTracker.foundingRingID("a", "b")
        #expect(tracker.ringIDs() == [original])
        _ = tracker.takeChanges()
        // Three more shops on device D: it turns common and its link is withdrawn.
        RingsFixture.feed(["q1", "q2", "q3"].map { RingsFixture.sighting(.device, "D", $0) }, index: &index, tracker: &tracker)
        let ids = tracker.ringIDs()
        #expect(ids.count == 2)
        #expect(tracker.members(of: original) == ["a", "b", "c"])
        let other = try #require(ids.first { $0 != original })
        #expect(tracker.members(of: other) == ["x", "y"])
        #expect(tracker.ringID(of: "q1") == nil)
        let changes = tracker.takeChanges()
        #expect(changes.updated == ids)
    }
}
