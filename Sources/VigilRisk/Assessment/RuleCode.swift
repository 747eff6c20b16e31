/// The stable reason codes of the risk rules; the raw value is the verdict reason `code` and the
/// key under `rules:` in `config/risk.yml`.
///
/// Each rule reads the feature vector; `threshold`, `secondary_threshold` and `minimum_volume`
/// (see ``RuleSettings``) mean, per rule:
public enum RuleCode: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `listing_ocr_price_ratio >= threshold` (default 5): the picture shows another price.
    case ocrPriceMismatch = "ocr_price_mismatch"
    /// `listing_unauthorized_logo_count >= threshold` (default 1).
    case unauthorizedLogo = "unauthorized_logo"
    /// `listing_unauthorized_brand_claim >= threshold` (default 1).
    case unauthorizedBrandClaim = "unauthorized_brand_claim"
    /// `listing_price_to_reference <= threshold` (default 0.3).
    case priceFarBelowReference = "price_far_below_reference"
    /// `listing_counterfeit_wording >= threshold` (default 1).
    case counterfeitWording = "counterfeit_wording"
    /// `listing_shared_image_hashes >= threshold` (default 1).
    case sharedImageHash = "shared_image_hash"
    /// `store_age_days <= threshold` (default 30), basic template and identity not verified.
    case newBasicStore = "new_basic_store"
    /// `review_burst_ratio >= threshold` (default 8), `review_new_account_share_7d >= secondary_threshold`
    /// (default 0.5) and `reviews_1h >= minimum_volume` (default 5).
    case reviewBurstNewAccounts = "review_burst_new_accounts"
    /// `review_from_seller_device_30d + review_from_seller_ip_30d >= threshold` (default 1).
    case selfReview = "self_review"
    /// `refund_rate_30d >= threshold` (default 0.3) with `charges_30d >= minimum_volume` (default 10).
    case highRefundRate = "high_refund_rate"
    /// `chargeback_rate_30d >= threshold` (default 0.05) with `charges_30d >= minimum_volume` (default 20).
    case highChargebackRate = "high_chargeback_rate"
    /// `ring_size >= threshold` (default 3).
    case ringMember = "ring_member"
    /// `ring_linked_intercepted >= threshold` (default 1).
    case linkedToIntercepted = "linked_to_intercepted"
    /// Merchant only: `intercepted_listings_7d >= threshold` (default 1).
    case interceptedListings = "intercepted_listings"
    /// Merchant only: `intercepted_listings_7d >= threshold` (default 3).
    case repeatIntercepts = "repeat_intercepts"

    /// Whether the rule reads a shop's review burst, which a marketplace-wide surge explains
    /// (see ``MarketplaceBaseline``).
    var readsReviewBursts: Bool { self == .reviewBurstNewAccounts }

    /// Whether the rule is about one listing (evaluated only by ``RiskAssessor/assessListing(_:listing:surge:)``).
    public var listingOnly: Bool {
        switch self {
        case .ocrPriceMismatch, .unauthorizedLogo, .unauthorizedBrandClaim, .priceFarBelowReference, .counterfeitWording, .sharedImageHash: true
        default: false
        }
    }

    /// Whether the rule is about the merchant's history (evaluated only by ``RiskAssessor/assessMerchant(_:merchantID:)``).
    public var merchantOnly: Bool { self == .interceptedListings || self == .repeatIntercepts }

    /// The features the rule reads; scorecard contributions of these are not repeated as reasons when the rule fires.
    public var features: [String] {
        switch self {
        case .ocrPriceMismatch: ["listing_ocr_price_ratio", "listing_ocr_shows_listed_price"]
        case .unauthorizedLogo: ["listing_unauthorized_logo_count"]
        case .unauthorizedBrandClaim: ["listing_unauthorized_brand_claim"]
        case .priceFarBelowReference: ["listing_price_to_reference"]
        case .counterfeitWording: ["listing_counterfeit_wording", "listing_counterfeit_terms_strong", "listing_counterfeit_terms_weak"]
        case .sharedImageHash: ["listing_shared_image_hashes", "listing_image_hash_max_other_merchants"]
        case .newBasicStore: ["store_age_days", "store_basic_template", "store_verified_id"]
        case .reviewBurstNewAccounts: ["review_burst_ratio", "review_new_account_share_7d", "reviews_1h"]
        case .selfReview: ["review_from_seller_device_30d", "review_from_seller_ip_30d"]
        case .highRefundRate: ["refund_rate_30d"]
        case .highChargebackRate: ["chargeback_rate_30d"]
        case .ringMember: ["ring_size", "in_ring"]
        case .linkedToIntercepted: ["ring_linked_intercepted"]
        case .interceptedListings, .repeatIntercepts: ["intercepted_listings_7d"]
        }
    }

    /// Orders by declaration order.
    public static func < (a: RuleCode, b: RuleCode) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
