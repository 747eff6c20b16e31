import Testing
@testable import VigilRisk

/// Review features of merchant m2, as of day 10, 12:00.
enum ReviewScenario {
    static let t = FX.t0 + 10 * FX.day
    static let asOf = t + 12 * FX.hour
    static let listing = FX.listing("r-l", merchant: "m2", at: FX.t0, seller: FX.seller(device: "dev-s", ip: "1.1.1.1"))
    static let events: [MarketplaceEvent] = [
        FX.review("R1", merchant: "m2", at: FX.t0 + FX.day, rating: 1, text: "this is fake, not genuine", buyer: "b1", age: 400, device: "d1", ip: "2.2.2.2"),
        FX.review("R2", merchant: "m2", at: t + 6 * FX.hour, rating: 5, text: "Great product love it", buyer: "b2", age: 5, device: "dev-s", ip: "3.3.3.3"),
        FX.review("R3", merchant: "m2", at: t + 11 * FX.hour + 40 * FX.minute, rating: 5, text: "great product, love it!!", buyer: "b3", age: 10, device: "d3", ip: "1.1.1.1"),
        FX.review("R4", merchant: "m2", at: t + 11 * FX.hour + 50 * FX.minute, rating: 4, text: "好", buyer: "b3", age: 10, device: "d3", ip: "4.4.4.4"),
        FX.review("R5", merchant: "m2", at: t - 2 * FX.day, rating: 3, text: "okay quality for the price", buyer: "b4", age: 100, device: "d4", ip: "5.5.5.5"),
    ]

    static func profile() -> MerchantProfile {
        var p = MerchantProfile(merchantID: "m2")
        p.apply(.listing(listing), brands: FX.registry, isLate: false)
        for e in events { p.apply(e, brands: FX.registry, isLate: false) }
        return p
    }

    /// 1h: R3, R4. 24h: R2–R4. 7d (days 4–10): R2–R5. 30d: all five.
    static let expected: [String: Double] = [
        "reviews_1h": 2, "reviews_24h": 3, "reviews_7d": 4, "reviews_30d": 5,
        "review_burst_ratio": (2 + 1) / (4.0 / 168 + 1), "review_mean_rating_7d": 17.0 / 4, "review_five_star_share_7d": 0.5,
        "review_one_star_share_7d": 0, "review_new_account_share_7d": (3 + 0.15 * 10) / (4.0 + 10), "review_new_accounts_24h": 3,
        "review_new_account_five_star_24h": 2, "review_duplicate_texts_7d": 1, "review_duplicate_text_share_7d": (1 + 0.02 * 10) / (4.0 + 10),
        "review_very_short_share_7d": (1 + 0.2 * 10) / (4.0 + 10), "review_complaints_30d": 1, "review_complaint_share_30d": (1 + 0.03 * 10) / (5.0 + 10),
        "review_distinct_buyers_7d": 3, "review_distinct_devices_7d": 3, "review_devices_per_review_7d": (3 + 1 * 5) / (4.0 + 5), "review_from_seller_device_30d": 1,
        "review_from_seller_ip_30d": 1,
    ]
}

/// Payment features of merchant m3, as of day 10, 12:00.
enum PaymentScenario {
    static let t = FX.t0 + 10 * FX.day
    static let asOf = t + 12 * FX.hour
    static let listing = FX.listing("p1", merchant: "m3", at: FX.t0, price: 200)
    static let events: [MarketplaceEvent] = [
        FX.payment("c1", merchant: "m3", at: t + FX.hour, kind: .charge, amount: 180, buyer: "u1"),
        FX.payment("c2", merchant: "m3", at: t + 2 * FX.hour, kind: .charge, amount: 200, buyer: "u1"),
        FX.payment("c3", merchant: "m3", at: t - 3 * FX.day, kind: .charge, amount: 220, buyer: "u2", payout: "acct-2"),
        FX.payment("c4", merchant: "m3", at: t - 15 * FX.day, kind: .charge, amount: 100, listing: "unknown", buyer: "u3"),
        FX.payment("f1", merchant: "m3", at: t + 3 * FX.hour, kind: .refund, amount: 50),
        FX.payment("k1", merchant: "m3", at: t - FX.day, kind: .chargeback, amount: 220, buyer: "u2"),
    ]

    static func profile() -> MerchantProfile {
        var p = MerchantProfile(merchantID: "m3")
        p.apply(.listing(listing), brands: FX.registry, isLate: false)
        for e in events { p.apply(e, brands: FX.registry, isLate: false) }
        return p
    }

    static let expected: [String: Double] = [
        "charges_24h": 2, "charges_7d": 3, "charges_30d": 4, "charge_amount_24h": 380, "charge_amount_30d": 700,
        "charge_mean_amount_30d": 175, "refunds_30d": 1, "refund_amount_30d": 50, "refund_rate_30d": (1 + 0.05 * 10) / (4.0 + 10),
        "refund_amount_rate_30d": (50.0 / 175 + 0.05 * 10) / (4.0 + 10), "chargebacks_30d": 1, "chargeback_amount_30d": 220, "chargeback_rate_30d": (1 + 0.005 * 20) / (4.0 + 20),
        "distinct_buyers_30d": 3, "buyer_top_share": (2 + 0.1 * 10) / (4.0 + 10), "paid_to_listed_ratio_mean_30d": (0.9 + 1.0 + 1.1) / 3,
        "paid_to_listed_ratio_min_30d": 0.9, "charges_unknown_listing_30d": 1, "payout_accounts_30d": 2,
    ]
}

/// Logistics features of merchant m4, as of day 10, 12:00.
enum LogisticsScenario {
    static let t = FX.t0 + 10 * FX.day
    static let asOf = t + 12 * FX.hour
    static let licheng = ("Fujian", "Putian", "Licheng", "addr-1")
    static let events: [MarketplaceEvent] = [
        FX.shipment("s1", merchant: "m4", at: t + FX.hour, status: .shipped, carrier: "SF", from: licheng, returnAddress: "ret-1"),
        FX.shipment("s2", merchant: "m4", at: t - 2 * FX.day, status: .shipped, carrier: "YTO", from: ("Fujian", "Putian", "Hanjiang", "addr-2"), returnAddress: "ret-1"),
        FX.shipment("s3", merchant: "m4", at: t - FX.day, status: .delivered, carrier: "SF", from: licheng, returnAddress: "ret-1"),
        FX.shipment("s4", merchant: "m4", at: t + 2 * FX.hour, status: .returned, carrier: "SF", from: licheng, returnAddress: "ret-2"),
        FX.shipment("s5", merchant: "m4", at: t - 20 * FX.day, status: .shipped, carrier: "ZTO", from: ("Guangdong", "Guangzhou", "Baiyun", "addr-3"), returnAddress: "ret-1"),
    ]

    static func profile() -> MerchantProfile {
        var p = MerchantProfile(merchantID: "m4")
        for e in events { p.apply(e, brands: FX.registry, isLate: false) }
        p.applyLink(kind: .returnAddress, valueHash: IdentifierHasher.valueHash(kind: .returnAddress, rawValue: "ret-2"), otherMerchants: 4)
        p.applyLink(kind: .returnAddress, valueHash: IdentifierHasher.valueHash(kind: .returnAddress, rawValue: "ret-1"), otherMerchants: 2)
        return p
    }

    static let expected: [String: Double] = [
        "shipments_7d": 2, "shipments_30d": 3, "deliveries_30d": 1, "returns_30d": 1, "return_rate_30d": (1 + 0.05 * 10) / (3.0 + 10),
        "ship_from_districts_30d": 3, "ship_from_addresses_30d": 3, "carriers_30d": 3, "return_addresses_30d": 2,
        "return_address_reused": 1, "return_address_other_merchants": 4,  // the latest return address is ret-2
    ]
}

/// Relational features of merchant m5.
enum RelationalScenario {
    static func profile() -> MerchantProfile {
        var p = MerchantProfile(merchantID: "m5")
        p.applyLink(kind: .device, valueHash: "h1", otherMerchants: 2)
        p.applyLink(kind: .device, valueHash: "h2", otherMerchants: 5)
        p.applyLink(kind: .payoutAccount, valueHash: "p1", otherMerchants: 1)
        p.applyLink(kind: .wifi, valueHash: "w1", otherMerchants: 3)
        p.applyLink(kind: .wifi, valueHash: "w1", otherMerchants: 0)  // became common: forgotten
        p.applyLink(kind: .imageHash, valueHash: "i1", otherMerchants: 7)
        p.applyRing(RingFeatures(ringID: "r-1", ringSize: 4, linkedIntercepted: 1, maxLinkedScore: 92, meanLinkedScore: 70.5,
                                 sharedIdentifiers: [.device: 2, .ip: 3]))
        return p
    }

    static let expected: [String: Double] = [
        "shared_device_count": 2, "shared_wifi_count": 0, "shared_ip_count": 3, "shared_payout_account_count": 1,
        "shared_return_address_count": 0, "shared_ship_from_address_count": 0, "shared_image_hash_count": 1,
        "max_other_merchants_device": 5, "max_other_merchants_wifi": 0, "max_other_merchants_ip": 0,
        "max_other_merchants_payout_account": 1, "max_other_merchants_return_address": 0,
        "max_other_merchants_ship_from_address": 0, "max_other_merchants_image_hash": 7,
        "shared_identifier_kinds": 4, "in_ring": 1, "ring_size": 4, "ring_linked_intercepted": 1,
        "ring_max_linked_score": 92, "ring_mean_linked_score": 70.5,
    ]
}

@Suite struct FeaturesActivityTests {
    @Test func reviewFeatures() {
        FX.expect(ReviewScenario.profile().features(listing: nil, brands: FX.registry, asOf: ReviewScenario.asOf), ReviewScenario.expected)
    }

    @Test func paymentFeatures() {
        FX.expect(PaymentScenario.profile().features(listing: nil, brands: FX.registry, asOf: PaymentScenario.asOf), PaymentScenario.expected)
    }

    @Test func logisticsFeatures() {
        FX.expect(LogisticsScenario.profile().features(listing: nil, brands: FX.registry, asOf: LogisticsScenario.asOf), LogisticsScenario.expected)
    }

    @Test func relationalFeatures() {
        FX.expect(RelationalScenario.profile().features(listing: nil, brands: FX.registry, asOf: FX.t0), RelationalScenario.expected)
    }

    @Test func windowsExpireAsOfLaterTimes() {
        // 31 days after the last review, nothing is left in any review window.
        let later = ReviewScenario.asOf + 31 * FX.day
        FX.expect(ReviewScenario.profile().features(listing: nil, brands: FX.registry, asOf: later),
                  ["reviews_1h": 0, "reviews_30d": 0, "review_burst_ratio": 1, "review_mean_rating_7d": .nan, "review_complaint_share_30d": 0.03])
    }
}
