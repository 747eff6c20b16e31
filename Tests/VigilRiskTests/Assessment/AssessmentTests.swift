import Foundation
import Testing
@testable import VigilRisk

@Suite struct AssessmentTests {
    static let assessor = try! RiskAssessor(configuration: .default)

    /// A brand-new basic store listing a "Rolex" with the real price only in the picture.
    static func counterfeitOCR() -> (FeatureVector, ListingEvent) {
        let listing = FX.listing("fake-1", merchant: "m-bad", at: FX.t0, title: "高仿 Rolex Submariner 劳力士", brand: "Rolex",
                                 category: "watches", price: 100_000, stock: 50, ocr: [780], logos: ["Rolex"], images: ["x"],
                                 seller: FX.seller(age: 2, template: .basic, verified: false))
        var p = MerchantProfile(merchantID: "m-bad")
        p.apply(.listing(listing), brands: FX.registry, isLate: false)
        return (p.features(listing: listing, brands: FX.registry, asOf: listing.ts), listing)
    }

    /// The same shop listing a "Rolex" at 800 CNY against a reference of 68000.
    static func counterfeitCheap() -> (FeatureVector, ListingEvent) {
        let listing = FX.listing("fake-2", merchant: "m-bad", at: FX.t0, title: "高仿 Rolex watch", brand: "Rolex",
                                 category: "watches", price: 800, stock: 50, ocr: [780], logos: ["Rolex"],
                                 seller: FX.seller(age: 2, template: .basic, verified: false))
        var p = MerchantProfile(merchantID: "m-bad")
        p.apply(.listing(listing), brands: FX.registry, isLate: false)
        return (p.features(listing: listing, brands: FX.registry, asOf: listing.ts), listing)
    }

    static func honest() -> (FeatureVector, ListingEvent) {
        let listing = FX.listing("real-1", merchant: "m0000277", at: FX.t0, title: "Rolex Submariner Date 126610LN", brand: "Rolex",
                                 category: "watches", price: 67_000, stock: 2, ocr: [67_000], logos: ["Rolex"], images: ["r1"],
                                 seller: FX.seller(age: 2000, template: .custom, verified: true))
        var p = MerchantProfile(merchantID: "m0000277")
        p.apply(.listing(listing), brands: FX.registry, isLate: false)
        return (p.features(listing: listing, brands: FX.registry, asOf: listing.ts), listing)
    }

    /// A new basic store with an unbranded listing and no evidence: model score 20
    /// (bias −2 + basic 0.5 + store age log1p(0)·−0.4 + listings_created_24h 0.2·ln 2 = −1.361 → p = 0.204).
    static func plainNewStore() -> (FeatureVector, ListingEvent) {
        let listing = FX.listing("plain", merchant: "m-new", at: FX.t0, title: "USB stick", price: 30, seller: FX.seller(age: 0))
        var p = MerchantProfile(merchantID: "m-new")
        p.apply(.listing(listing), brands: FX.registry, isLate: false)
        return (p.features(listing: listing, brands: FX.registry, asOf: listing.ts), listing)
    }

    @Test func clearCounterfeitIsIntercepted() {
        let (x, listing) = Self.counterfeitOCR()
        let a = Self.assessor.assessListing(x, listing: listing)
        #expect(a.decision == .intercept)
        #expect(a.score >= 95, "four rules of three evidence families: 75 + 2 × 10 at least")
        let codes = a.reasons.map(\.code)
        #expect(codes.count <= 6)
        for code in ["ocr_price_mismatch", "counterfeit_wording", "unauthorized_logo", "unauthorized_brand_claim"] {
            #expect(codes.contains(code), "\(code) missing from \(codes)")
        }
        #expect(codes.first == "ocr_price_mismatch")
        #expect(a.reasons.first?.detail == "image shows 780 CNY, listed at 100000 CNY (ratio 128.2)")
        #expect(zip(a.reasons, a.reasons.dropFirst()).allSatisfy { $0.weight >= $1.weight })

        let (y, cheap) = Self.counterfeitCheap()
        let b = Self.assessor.assessListing(y, listing: cheap)
        #expect(b.decision == .intercept)
        let cheapCodes = b.reasons.map(\.code)
        #expect(cheapCodes.contains("price_far_below_reference"))
        #expect(b.reasons.first { $0.code == "price_far_below_reference" }?.detail == "listed at 800 CNY, 1.2 % of the Rolex reference price 68000")
        #expect(b.reasons.first { $0.code == "counterfeit_wording" }?.detail == "title contains counterfeit wording: 高仿")
        #expect(Self.assessor.firedRules(y, listing: cheap).map(\.code).contains(.newBasicStore))
    }

    @Test func honestAuthorisedSellerIsAllowed() {
        let (x, listing) = Self.honest()
        let a = Self.assessor.assessListing(x, listing: listing)
        #expect(a.decision == .allow)
        #expect(a.score < 10)
        #expect(Self.assessor.firedRules(x, listing: listing).isEmpty)
        #expect(!a.reasons.contains { !$0.code.hasPrefix("model_") })
    }

    @Test func thresholdsFromConfigurationAreRespected() throws {
        let (x, listing) = Self.plainNewStore()
        let a = Self.assessor.assessListing(x, listing: listing)
        #expect(a.score == 20)
        #expect(a.decision == .allow)
        #expect(a.reasons.map(\.code).contains("new_basic_store"))
        let lower = try RiskConfiguration.parse(yaml: "thresholds: {review: 10, intercept: 25}", file: "t.yml")
        #expect(try RiskAssessor(configuration: lower).assessListing(x, listing: listing).decision == .review)
        let lowest = try RiskConfiguration.parse(yaml: "thresholds: {review: 10, intercept: 20}", file: "t.yml")
        #expect(try RiskAssessor(configuration: lowest).assessListing(x, listing: listing).decision == .intercept)
    }

    @Test func rulesCanForceADecisionAndBeDisabled() throws {
        let (x, listing) = Self.plainNewStore()
        let forced = try RiskConfiguration.parse(yaml: "rules:\n  new_basic_store: {force: review}\n", file: "t.yml")
        let a = try RiskAssessor(configuration: forced).assessListing(x, listing: listing)
        #expect(a.score == 20 && a.decision == .review)

        let (y, fake) = Self.counterfeitOCR()
        let yaml = """
        rules:
          ocr_price_mismatch: {enabled: false}
          counterfeit_wording: {enabled: false}
          unauthorized_logo: {floor: 0}
          unauthorized_brand_claim: {floor: 0}
        scoring: {scorecard: {bias: -9, features: [{name: listing_price, weight: 0}]}}
        """
        let b = try RiskAssessor(configuration: RiskConfiguration.parse(yaml: yaml, file: "t.yml")).assessListing(y, listing: fake)
        #expect(b.score == 0 && b.decision == .allow)
        #expect(!b.reasons.map(\.code).contains("ocr_price_mismatch"))
        #expect(b.reasons.map(\.code).contains("unauthorized_logo"))
    }

    @Test func scoreStacksRuleFloors() throws {
        // Only two rules with floors (75 and 70) and a silent model: 75 + 10 = 85.
        let (x, listing) = Self.counterfeitOCR()
        let yaml = """
        rules:
          unauthorized_logo: {enabled: false}
          unauthorized_brand_claim: {enabled: false}
        scoring: {stack_bonus: 10, scorecard: {bias: -9, features: [{name: listing_price, weight: 0}]}}
        """
        let a = try RiskAssessor(configuration: RiskConfiguration.parse(yaml: yaml, file: "t.yml")).assessListing(x, listing: listing)
        #expect(a.score == 85 && a.decision == .intercept)
    }

    @Test func merchantAssessmentUsesRingAndListingHistory() {
        var p = MerchantProfile(merchantID: "m7")
        let quiet = Self.assessor.assessMerchant(p.features(listing: nil, brands: FX.registry, asOf: FX.t0), merchantID: "m7")
        #expect(quiet.decision == .allow)
        p.applyRing(RingFeatures(ringID: "r", ringSize: 5, linkedIntercepted: 2, maxLinkedScore: 95, meanLinkedScore: 80, sharedIdentifiers: [.device: 1]))
        let linked = Self.assessor.assessMerchant(p.features(listing: nil, brands: FX.registry, asOf: FX.t0), merchantID: "m7")
        #expect(linked.decision >= .review)
        #expect(linked.reasons.map(\.code).contains("linked_to_intercepted"))
        #expect(linked.reasons.map(\.code).contains("ring_member"))
        p.apply(.listing(FX.listing("l-m7", merchant: "m7", at: FX.t0, seller: FX.seller(age: 400, template: .custom, verified: true))), brands: FX.registry, isLate: false)
        for i in 0..<3 { p.recordListingScore(95, at: FX.t0 + Int64(i) * FX.hour) }
        let history = Self.assessor.assessMerchant(p.features(listing: nil, brands: FX.registry, asOf: FX.t0 + 3 * FX.hour), merchantID: "m7")
        #expect(history.decision == .intercept)
        #expect(history.reasons.first?.code == "repeat_intercepts")
        #expect(history.reasons.first?.detail == "3 listing(s) intercepted in 7 days (highest listing score 95)")
        #expect(!history.reasons.map(\.code).contains("ocr_price_mismatch"))
    }

    @Test func modelVersionCombinesConfigurationAndModel() {
        #expect(Self.assessor.modelVersion == "vigil-risk-1+vigil-scorecard-1")
    }
}
