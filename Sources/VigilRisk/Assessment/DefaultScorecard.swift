/// The built-in listing/merchant scorecard, identical to `config/scorecard.yml` (a test checks this).
///
/// Hand-tuned log-odds weights: counterfeit signals (OCR gaps, unauthorised logos and brand claims,
/// counterfeit wording, shared images, complaints, refunds, rings) push the score up; an old,
/// verified store and a price near the brand's reference pull it down. A missing feature adds 0.
/// The bias is −2.0 less the 0.84 log-odds that the smoothed rates' priors (``RatePrior``) add
/// for a merchant with no evidence yet.
public enum DefaultScorecard {
    /// The version written in `config/scorecard.yml`.
    public static let version = "vigil-scorecard-1"

    /// The scorecard model.
    public static let model = ScorecardModel(bias: -2.84, terms: terms, version: version)

    private static func t(_ name: String, _ weight: Double, _ lo: Double? = nil, _ hi: Double? = nil, log: Bool = false) -> ScorecardModel.Term {
        .init(name: name, weight: weight, transform: ScorecardTransform(lowerBound: lo, upperBound: hi, function: log ? .log1p : .identity))
    }

    private static let terms: [ScorecardModel.Term] = [
        t("listing_price_to_reference", -1.2, 0, 1.5),
        t("listing_ocr_price_ratio", 0.6, 1, 200, log: true),
        t("listing_ocr_shows_listed_price", -0.5),
        t("listing_unauthorized_logo_count", 1.5, 0, 3),
        t("listing_unauthorized_brand_claim", 1.2),
        t("listing_counterfeit_terms_strong", 1.5, 0, 3),
        t("listing_counterfeit_terms_weak", 0.5, 0, 3),
        t("listing_shared_image_hashes", 0.8, 0, 5),
        t("listing_image_hash_max_other_merchants", 0.3, 0, 50, log: true),
        t("listings_created_24h", 0.2, 0, 200, log: true),
        t("listings_delisted_24h", 0.15, 0, 200, log: true),
        t("store_age_days", -0.4, 0, 3650, log: true),
        t("store_basic_template", 0.5),
        t("store_verified_id", -0.8),
        t("store_unauthorized_brand_listings", 0.3, 0, 100, log: true),
        t("store_counterfeit_wording_listings", 0.4, 0, 100, log: true),
        t("store_ocr_mismatch_listings", 0.4, 0, 100, log: true),
        t("review_burst_ratio", 0.3, 0, 200, log: true),
        t("review_new_account_share_7d", 1.0, 0, 1),
        t("review_duplicate_text_share_7d", 1.2, 0, 1),
        t("review_very_short_share_7d", 0.5, 0, 1),
        t("review_complaint_share_30d", 2.5, 0, 1),
        t("review_from_seller_device_30d", 0.8, 0, 50, log: true),
        t("review_from_seller_ip_30d", 0.5, 0, 50, log: true),
        t("refund_rate_30d", 2.0, 0, 1),
        t("chargeback_rate_30d", 6.0, 0, 1),
        t("buyer_top_share", 0.8, 0, 1),
        t("return_rate_30d", 1.5, 0, 1),
        t("return_address_other_merchants", 0.3, 0, 50, log: true),
        t("ship_from_districts_30d", 0.2, 0, 50, log: true),
        t("shared_device_count", 0.5, 0, 5),
        t("shared_wifi_count", 0.3, 0, 5),
        t("shared_ip_count", 0.2, 0, 5),
        t("shared_payout_account_count", 0.9, 0, 5),
        t("shared_return_address_count", 0.5, 0, 5),
        t("shared_ship_from_address_count", 0.4, 0, 5),
        t("shared_image_hash_count", 0.4, 0, 5),
        t("in_ring", 0.6),
        t("ring_linked_intercepted", 0.8, 0, 5),
        t("ring_max_linked_score", 0.015, 0, 100),
        t("listing_score_max_7d", 0.02, 0, 100),
        t("listing_score_mean_7d", 0.02, 0, 100),
        t("intercepted_listings_7d", 0.6, 0, 20, log: true),
    ]
}
