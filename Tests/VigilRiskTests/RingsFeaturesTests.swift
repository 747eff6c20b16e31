import Testing
@testable import VigilRisk

@Suite("Rings: ring features and ship-from ranking")
struct RingsFeaturesTests {
    @Test("ring features match a hand computation")
    func features() {
        var index = IdentifierIndex()
        var tracker = RingTracker()
        // Ring {a, b, c, d}: payout P among a, b, c; device D between c and d.
        // b shares a Wi-Fi with outsider o: shared, but too weak to link.
        RingsFixture.feed([
            RingsFixture.sighting(.payoutAccount, "P", "a"), RingsFixture.sighting(.payoutAccount, "P", "b"), RingsFixture.sighting(.payoutAccount, "P", "c"),
            RingsFixture.sighting(.device, "D", "c"), RingsFixture.sighting(.device, "D", "d"),
            RingsFixture.sighting(.wifi, "W", "b"), RingsFixture.sighting(.wifi, "W", "o"),
        ], index: &index, tracker: &tracker)
        tracker.updateMerchantRisk(merchantID: "a", score: 90, intercepted: true)
        tracker.updateMerchantRisk(merchantID: "b", score: 70, intercepted: false)
        tracker.updateMerchantRisk(merchantID: "d", score: 40, intercepted: true)
        tracker.updateMerchantRisk(merchantID: "o", score: 100, intercepted: true)  // not in the ring

        let b = tracker.features(for: "b")
        #expect(b.ringID == RingTracker.foundingRingID("a", "b"))
        #expect(b.ringSize == 4)
        #expect(b.linkedIntercepted == 2)  // a, d
        #expect(b.maxLinkedScore == 90)
        #expect(b.meanLinkedScore == 65)  // (90 + 40) / 2; c has no score
        #expect(b.sharedIdentifiers == [.payoutAccount: 1, .wifi: 1])

        let c = tracker.features(for: "c")
        #expect(c.linkedIntercepted == 2)
        #expect(c.maxLinkedScore == 90)
        #expect(abs(c.meanLinkedScore - 200.0 / 3.0) < 1e-9)  // a 90, b 70, d 40
        #expect(c.sharedCount(.device) == 1)
        #expect(c.sharedCount(.payoutAccount) == 1)

        let o = tracker.features(for: "o")
        #expect(o.ringID == nil)
        #expect(o.ringSize == 1)
        #expect(o.linkedIntercepted == 0)
        #expect(o.sharedIdentifiers == [.wifi: 1])
        #expect(tracker.features(for: "never-seen") == .none)
    }

    @Test("ship-from districts are summed over the ring and ranked by count")
    func shipFromRanking() {
        var ledger = ShipFromLedger()
        let putian = ShipFromLocation(province: "Fujian", city: "Putian", district: "Licheng")
        let baiyun = ShipFromLocation(province: "Guangdong", city: "Guangzhou", district: "Baiyun")
        let jinjiang = ShipFromLocation(province: "Fujian", city: "Quanzhou", district: "Jinjiang")
        ledger.record(merchantID: "a", location: putian, shipments: 5)
        ledger.record(merchantID: "b", location: putian, shipments: 2)
        ledger.record(merchantID: "b", location: baiyun, shipments: 3)
        ledger.record(merchantID: "c", location: jinjiang, shipments: 3)
        ledger.record(merchantID: "outsider", location: baiyun, shipments: 100)
        let ranked = ledger.ranked(merchants: ["a", "b", "c", "a"])
        #expect(ranked == [
            ShipFromCount(location: putian, count: 7),
            ShipFromCount(location: jinjiang, count: 3),  // tie with Baiyun: Fujian < Guangdong
            ShipFromCount(location: baiyun, count: 3),
        ])
        #expect(ledger.ranked(merchants: ["a", "b", "c"], limit: 1) == [ShipFromCount(location: putian, count: 7)])
        #expect(ledger.counts(for: "b") == [ShipFromCount(location: baiyun, count: 3), ShipFromCount(location: putian, count: 2)])
        #expect(ledger.ranked(merchants: ["nobody"]).isEmpty)
    }
}
