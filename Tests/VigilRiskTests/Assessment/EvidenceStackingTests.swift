import Testing
@testable import VigilRisk

/// Rules of one evidence family stack once, and linkage alone never intercepts.
@Suite("Assessment: evidence families and linkage")
struct EvidenceStackingTests {
    static let assessor = try! RiskAssessor(configuration: .default)

    static func vector(_ values: [String: Double]) -> FeatureVector {
        var vector = FeatureVector(missingCount: FeatureCatalog.definitions.count)
        for (name, value) in values { vector[FeatureCatalog.index(of: name)!] = value }
        return vector
    }

    /// An established, verified shop with no evidence of its own.
    static let ownClean: [String: Double] = ["store_age_days": 1500, "store_verified_id": 1, "store_basic_template": 0]

    @Test("an unauthorised logo and an unauthorised brand claim are one fact: no stacking bonus")
    func sameFamily() {
        let listing = FX.listing("r1", merchant: "m-resale", at: FX.t0, title: "pre-owned Rolex", brand: "Rolex", category: "watches", price: 40_000, logos: ["Rolex"])
        let x = Self.vector(Self.ownClean.merging(["listing_unauthorized_logo_count": 1, "listing_unauthorized_brand_claim": 1, "listing_price_to_reference": 0.6]) { $1 })
        let a = Self.assessor.assessListing(x, listing: listing)
        #expect(a.score == 60, "the highest floor (60) and no bonus: one family")
        #expect(a.decision == .review)
    }

    @Test("two families stack: price and authorisation")
    func twoFamilies() {
        let listing = FX.listing("r2", merchant: "m-fake", at: FX.t0, title: "Rolex", brand: "Rolex", category: "watches", price: 1_000, logos: ["Rolex"])
        let x = Self.vector(Self.ownClean.merging(["listing_unauthorized_logo_count": 1, "listing_unauthorized_brand_claim": 1, "listing_price_to_reference": 0.02]) { $1 })
        #expect(Self.assessor.assessListing(x, listing: listing).score >= 70)
    }

    @Test("links to intercepted shops alone never intercept: review with linkage_only")
    func linkageOnly() {
        let x = Self.vector(Self.ownClean.merging([
            "in_ring": 1, "ring_size": 12, "ring_linked_intercepted": 5, "ring_max_linked_score": 100,
            "shared_device_count": 3, "shared_payout_account_count": 3, "shared_image_hash_count": 5,
        ]) { $1 })
        let a = Self.assessor.assessMerchant(x, merchantID: "m-neighbour")
        #expect(a.decision == .review)
        #expect(a.score < 80)
        #expect(a.reasons.last?.code == "linkage_only")
        #expect(a.reasons.count <= Self.assessor.configuration.scoring.maxReasons)
    }

    @Test("own evidence plus links still intercepts")
    func ownEvidenceWithLinks() {
        let x = Self.vector([
            "store_age_days": 3, "store_basic_template": 1, "store_verified_id": 0,
            "in_ring": 1, "ring_size": 12, "ring_linked_intercepted": 5, "ring_max_linked_score": 100,
            "shared_device_count": 3, "shared_payout_account_count": 3,
            "intercepted_listings_7d": 2, "listing_score_max_7d": 95, "listing_score_mean_7d": 90,
        ])
        let a = Self.assessor.assessMerchant(x, merchantID: "m-ring")
        #expect(a.decision == .intercept, "\(a)")
        #expect(!a.reasons.contains { $0.code == "linkage_only" })
    }

    @Test("a merchant whose storefront was never seen is not intercepted")
    func storefrontUnseen() {
        let x = Self.vector(["chargebacks_30d": 30, "charges_30d": 40, "chargeback_rate_30d": 0.75, "refund_rate_30d": 0.9,
                             "review_complaint_share_30d": 0.9, "review_new_account_share_7d": 1, "review_duplicate_text_share_7d": 1])
        let a = Self.assessor.assessMerchant(x, merchantID: "m-no-listing")
        #expect(a.decision == .review, "\(a)")
        #expect(a.reasons.last?.code == "storefront_unseen")
        var seen = x
        seen[FeatureCatalog.index(of: "store_age_days")!] = 3
        #expect(Self.assessor.assessMerchant(seen, merchantID: "m-listed").decision == .intercept)
    }
}
