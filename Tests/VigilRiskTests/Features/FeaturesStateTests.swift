import Testing
@testable import VigilRisk

@Suite struct FeaturesStateTests {
    static let profiles: [(MerchantProfile, ListingEvent?, Int64)] = [
        (ListingScenario.profile(), ListingScenario.l1Update, ListingScenario.asOf),
        (ReviewScenario.profile(), nil, ReviewScenario.asOf),
        (PaymentScenario.profile(), nil, PaymentScenario.asOf),
        (LogisticsScenario.profile(), nil, LogisticsScenario.asOf),
        (RelationalScenario.profile(), nil, FX.t0),
        (MerchantProfile(merchantID: "empty"), nil, FX.t0),
    ]

    @Test func encodeDecodeRoundTripsExactly() throws {
        for (var profile, listing, asOf) in Self.profiles {
            profile.lastMerchantDecision = .review
            let bytes = profile.encoded()
            let restored = try MerchantProfile(decoding: bytes)
            #expect(restored.encoded() == bytes)
            #expect(restored.merchantID == profile.merchantID)
            #expect(restored.lastEventTime == profile.lastEventTime)
            #expect(restored.lastMerchantDecision == .review)
            #expect(FX.identical(restored.features(listing: listing, brands: FX.registry, asOf: asOf),
                                 profile.features(listing: listing, brands: FX.registry, asOf: asOf)))
        }
    }

    @Test func restoredProfileKeepsBehavingTheSame() throws {
        var original = ReviewScenario.profile()
        var restored = try MerchantProfile(decoding: original.encoded())
        let more = FX.review("R6", merchant: "m2", at: ReviewScenario.asOf, rating: 5, text: "Great product love it",
                             buyer: "b9", age: 1, device: "dev-s", ip: "9.9.9.9")
        original.apply(more, brands: FX.registry, isLate: false)
        restored.apply(more, brands: FX.registry, isLate: false)
        #expect(original.encoded() == restored.encoded())
        FX.expect(restored.features(listing: nil, brands: FX.registry, asOf: ReviewScenario.asOf),
                  ["reviews_1h": 3, "review_duplicate_texts_7d": 2, "review_from_seller_device_30d": 2])
    }

    @Test func corruptStateIsRejected() {
        let bytes = ReviewScenario.profile().encoded()
        #expect(throws: (any Error).self) { try MerchantProfile(decoding: Array(bytes.dropLast(3))) }
        #expect(throws: (any Error).self) { try MerchantProfile(decoding: [0x00] + bytes) }
        #expect(throws: (any Error).self) { try MerchantProfile(decoding: bytes + [0]) }
    }

    @Test func lateEventsDoNotChangeWindows() {
        var p = ReviewScenario.profile()
        let before = p.features(listing: nil, brands: FX.registry, asOf: ReviewScenario.asOf)
        let t = ReviewScenario.t
        p.apply(FX.review("late-r", merchant: "m2", at: t + 11 * FX.hour + 30 * FX.minute, rating: 1, text: "fake fake", buyer: "bx", age: 1,
                          device: "dev-s", ip: "1.1.1.1"), brands: FX.registry, isLate: true)
        p.apply(FX.payment("late-c", merchant: "m2", at: t + 11 * FX.hour + 30 * FX.minute, kind: .charge, amount: 99), brands: FX.registry, isLate: true)
        p.apply(FX.shipment("late-s", merchant: "m2", at: t + 11 * FX.hour + 30 * FX.minute, status: .returned, carrier: "SF",
                            from: LogisticsScenario.licheng, returnAddress: "ret-x"), brands: FX.registry, isLate: true)
        let lateListing = FX.listing("late-l", merchant: "m2", at: t + 11 * FX.hour + 30 * FX.minute, price: 5, stock: 3)
        p.apply(.listing(lateListing), brands: FX.registry, isLate: true)
        let after = p.features(listing: nil, brands: FX.registry, asOf: ReviewScenario.asOf)
        for def in FeatureCatalog.definitions where def.window != nil && def.name != "buyer_top_share" {
            let i = FeatureCatalog.index(of: def.name)!
            #expect(before[i].bitPattern == after[i].bitPattern, "\(def.name) changed: \(before[i]) -> \(after[i])")
        }
        // Listing bookkeeping still updates: the late listing is tracked.
        FX.expect(after, ["store_active_listings": 2, "store_total_stock": 4, "charges_30d": 0])
        // The same review on time does enter the windows.
        var q = ReviewScenario.profile()
        q.apply(FX.review("late-r", merchant: "m2", at: t + 11 * FX.hour + 30 * FX.minute, rating: 1, text: "fake fake", buyer: "bx", age: 1,
                          device: "dev-s", ip: "1.1.1.1"), brands: FX.registry, isLate: false)
        FX.expect(q.features(listing: nil, brands: FX.registry, asOf: ReviewScenario.asOf), ["reviews_1h": 3, "review_complaints_30d": 2])
    }

    @Test func redeliveredAndForeignEventsAreIgnored() {
        var p = ReviewScenario.profile()
        let before = p.encoded()
        for e in ReviewScenario.events { p.apply(e, brands: FX.registry, isLate: false) }
        p.apply(FX.review("other", merchant: "someone-else", at: ReviewScenario.t, rating: 5, text: "x", buyer: "b", age: 1,
                          device: "d", ip: "i"), brands: FX.registry, isLate: false)
        #expect(p.encoded() == before)
    }

    @Test func memoryIsBounded() {
        var p = MerchantProfile(merchantID: "m1")
        for i in 0..<(ProfileLimits.maxListings + 50) {
            let action: ListingEvent.ListingAction = .create
            p.apply(.listing(FX.listing("bulk-\(i)", at: FX.t0 + Int64(i) * FX.minute, action: action, stock: 1)), brands: FX.registry, isLate: false)
        }
        for i in 0..<(ProfileLimits.maxLinks + 20) { p.applyLink(kind: .device, valueHash: "h\(i)", otherMerchants: 1 + i % 3) }
        for i in 0..<(ProfileLimits.maxTopBuyers + 10) {
            p.apply(FX.payment("pay-\(i)", merchant: "m1", at: FX.t0, kind: .charge, amount: 1, buyer: "u\(i)"), brands: FX.registry, isLate: false)
        }
        #expect(p.listings.count == ProfileLimits.maxListings)
        #expect(p.listings["bulk-0"] == nil && p.listings["bulk-\(ProfileLimits.maxListings + 49)"] != nil)
        #expect(p.links.others.count == ProfileLimits.maxLinks)
        #expect(p.topBuyers.counts.count == ProfileLimits.maxTopBuyers)
        let v = p.features(listing: nil, brands: FX.registry, asOf: FX.t0 + FX.day)
        FX.expect(v, ["store_active_listings": Double(ProfileLimits.maxListings), "max_other_merchants_device": 3])
    }
}
