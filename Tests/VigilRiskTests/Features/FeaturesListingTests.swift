import Testing
@testable import VigilRisk

/// Listing-level, listing-velocity, storefront and listing-score-history features of merchant m1.
enum ListingScenario {
    static let t0 = FX.t0
    static let asOf = t0 + 3 * FX.hour + 30 * FX.minute
    static let title = "高仿 Rolex inspired watch"  // 23 characters: 高仿 strong, inspired weak

    static let l1Create = FX.listing("l1", at: t0 + FX.hour, title: title, brand: "Rolex", category: "watches", price: 800, stock: 10,
                                     ocr: [8000, 800], logos: ["Rolex", "Acme"], images: ["img-a", "img-b"])
    static let l1Update = FX.listing("l1", at: t0 + 2 * FX.hour, action: .update, title: title, brand: "Rolex", category: "watches",
                                     price: 1000, stock: 7, ocr: [8000, 1000], logos: ["Rolex", "Acme"], images: ["img-a", "img-b"])
    static let l2 = FX.listing("l2", at: t0 + 2 * FX.hour + 30 * FX.minute, title: "Nike running shoe", brand: "Nike", category: "footwear",
                               price: 400, stock: 5, seller: FX.seller(device: "dev-2", ip: "10.0.0.2", wifi: nil))
    static let l3 = FX.listing("l3", at: t0 + 3 * FX.hour, title: "USB stick 64GB", category: "memory", price: 50, stock: 100)
    static let l3Delist = FX.listing("l3", at: t0 + 3 * FX.hour + 10 * FX.minute, action: .delist, title: "USB stick 64GB",
                                     category: "memory", price: 50, stock: 100)

    static func profile() -> MerchantProfile {
        var p = MerchantProfile(merchantID: "m1")
        for e in [l1Create, l1Update, l2, l3, l3Delist] { p.apply(.listing(e), brands: FX.registry, isLate: false) }
        p.applyLink(kind: .imageHash, valueHash: IdentifierHasher.valueHash(kind: .imageHash, rawValue: "img-a"), otherMerchants: 3)
        p.applyLink(kind: .device, valueHash: IdentifierHasher.valueHash(kind: .device, rawValue: "img-b"), otherMerchants: 9)  // other kind: ignored
        p.recordListingScore(90, at: t0 + FX.hour)                      // intercept by default thresholds
        p.recordListingScore(60, at: t0 + 2 * FX.hour, decision: .review)
        p.recordListingScore(10, at: t0 + 3 * FX.hour)                  // allow
        return p
    }

    /// For the l1 update, as of 03:30.
    static let expected: [String: Double] = [
        "listing_price": 1000, "listing_reference_price": 68000, "listing_price_to_reference": 1000.0 / 68000,
        "listing_ocr_price_count": 2, "listing_ocr_price_ratio": 8, "listing_ocr_shows_listed_price": 1,
        "listing_logo_count": 2, "listing_unauthorized_logo_count": 1,  // Rolex yes, Acme unknown to the registry
        "listing_claims_brand": 1, "listing_brand_known": 1, "listing_unauthorized_brand_claim": 1,
        "listing_counterfeit_terms_strong": 1, "listing_counterfeit_terms_weak": 1, "listing_counterfeit_wording": 1,
        "listing_title_length": 23, "listing_image_count": 2, "listing_shared_image_hashes": 1, "listing_image_hash_max_other_merchants": 3,
        "listing_stock": 7, "listing_stock_change": -3, "listing_price_change_ratio": 1.25, "listing_version": 2,
        "listing_age_hours": 1, "listing_is_update": 1,
        // 1h window = 12 buckets of 5 min: [02:35, 03:35) holds l3's create only.
        "listings_created_1h": 1, "listings_created_24h": 3, "listings_created_7d": 3, "listings_updated_24h": 1,
        "listings_delisted_24h": 1, "listings_delisted_7d": 1, "listing_price_changes_24h": 1,
        // Latest snapshot (03:10): 3 days old + 20 minutes.
        "store_age_days": 3 + 20.0 / 1440, "store_basic_template": 1, "store_verified_id": 0,
        "store_active_listings": 2, "store_total_stock": 12, "store_distinct_categories": 2, "store_distinct_brands": 2,
        "store_known_brand_share": 1, "store_unauthorized_brand_listings": 1, "store_counterfeit_wording_listings": 1,
        "store_ocr_mismatch_listings": 1, "store_min_price_to_reference": 1000.0 / 68000,
        "store_mean_price_to_reference": (1000.0 / 68000 + 0.5) / 2,
        "store_seller_devices_30d": 2, "store_seller_ips_30d": 2, "store_seller_wifis_30d": 1,
        "listing_score_max_7d": 90, "listing_score_mean_7d": 160.0 / 3, "listing_score_max_30d": 90,
        "listing_score_mean_30d": 160.0 / 3, "listings_scored_7d": 3, "intercepted_listings_7d": 1, "reviewed_listings_7d": 1,
    ]
}

@Suite struct FeaturesListingTests {
    @Test func listingVelocityStorefrontAndHistoryFeatures() {
        let p = ListingScenario.profile()
        FX.expect(p.features(listing: ListingScenario.l1Update, brands: FX.registry, asOf: ListingScenario.asOf), ListingScenario.expected)
        #expect(p.lastEventTime == ListingScenario.l3Delist.ts)
    }

    @Test func firstVersionHasNoPreviousVersion() {
        var p = MerchantProfile(merchantID: "m1")
        let create = ListingScenario.l1Create
        p.apply(.listing(create), brands: FX.registry, isLate: false)
        FX.expect(p.features(listing: create, brands: FX.registry, asOf: create.ts), [
            "listing_stock_change": .nan, "listing_price_change_ratio": .nan, "listing_version": 1, "listing_age_hours": 0,
            "listing_is_update": 0, "listing_ocr_price_ratio": 10, "listing_ocr_shows_listed_price": 1,
            "listing_shared_image_hashes": 0, "listing_image_hash_max_other_merchants": 0,
        ])
        // Scored before being applied, the stored version counts as the previous one.
        var q = MerchantProfile(merchantID: "m1")
        q.apply(.listing(create), brands: FX.registry, isLate: false)
        FX.expect(q.features(listing: ListingScenario.l1Update, brands: FX.registry, asOf: ListingScenario.asOf),
                  ["listing_stock_change": -3, "listing_price_change_ratio": 1.25, "listing_version": 2])
    }

    @Test func listingFeaturesAreMissingWithoutAListingAndWithoutReference() {
        let p = ListingScenario.profile()
        let v = p.features(listing: nil, brands: FX.registry, asOf: ListingScenario.asOf)
        for def in FeatureCatalog.definitions where def.group == .listing && def.window == nil {
            #expect(v[FeatureCatalog.index(of: def.name)!].isNaN, "\(def.name)")
        }
        let noBrand = p.features(listing: ListingScenario.l3, brands: FX.registry, asOf: ListingScenario.asOf)
        FX.expect(noBrand, ["listing_reference_price": .nan, "listing_price_to_reference": .nan, "listing_ocr_price_ratio": .nan,
                            "listing_ocr_shows_listed_price": .nan, "listing_claims_brand": 0, "listing_brand_known": 0,
                            "listing_unauthorized_brand_claim": 0, "listing_counterfeit_wording": 0])
        let empty = MerchantProfile(merchantID: "m9").features(listing: nil, brands: FX.registry, asOf: FX.t0)
        FX.expect(empty, ["store_age_days": .nan, "store_basic_template": .nan, "store_min_price_to_reference": .nan,
                          "store_active_listings": 0, "store_known_brand_share": 0, "ring_size": 1, "in_ring": 0])
    }

    @Test func authorisedMerchantIsNotFlaggedForItsBrand() {
        var p = MerchantProfile(merchantID: "m1")
        p.apply(.listing(ListingScenario.l2), brands: FX.registry, isLate: false)
        let nike = FX.listing("l9", at: FX.t0, title: "Nike Air", brand: "NIKE", category: "footwear", price: 760, logos: ["nike"])
        FX.expect(p.features(listing: nike, brands: FX.registry, asOf: FX.t0 + 3 * FX.hour), [
            "listing_unauthorized_brand_claim": 0, "listing_unauthorized_logo_count": 0, "listing_brand_known": 1,
            "listing_price_to_reference": 0.95, "store_unauthorized_brand_listings": 0,
        ])
    }

    @Test("reading the merchant once per listing gives the vectors of reading it twice")
    func merchantFeaturesReusedForTheListingAndItsReassessment() {
        var p = ListingScenario.profile()
        let asOf = ListingScenario.asOf
        let listing = ListingScenario.l1Update
        let merchant = p.features(listing: nil, brands: FX.registry, asOf: asOf)
        let listingVector = p.features(listing: listing, brands: FX.registry, merchant: merchant)
        #expect(FX.identical(listingVector, p.features(listing: listing, brands: FX.registry, asOf: asOf)))
        FX.expect(listingVector, ListingScenario.expected)

        // The listing's score changes the listing-score history, and nothing else.
        p.recordListingScore(95, at: asOf - FX.minute)
        let refreshed = p.refreshingListingScores(of: merchant, asOf: asOf)
        #expect(FX.identical(refreshed, p.features(listing: nil, brands: FX.registry, asOf: asOf)))
        FX.expect(refreshed, ["listing_score_max_7d": 95, "listings_scored_7d": 4, "intercepted_listings_7d": 2])
        #expect(!FX.identical(refreshed, merchant))
    }
}
