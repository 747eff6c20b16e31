/// The catalogue of every feature ``MerchantProfile/features(listing:brands:asOf:)`` computes.
///
/// The order of ``definitions`` is the order of the values in the feature vector; it is
/// stable: new features are only ever appended. Listing-level features are `NaN` (missing)
/// when no listing is given; shares and rates are `0` when their denominator is `0`, so that
/// `0` means "no evidence" for a scorecard. Counts over windows come from VigilState
/// `SlidingWindow`s whose buckets are 5 minutes (`1h`), 1 hour (`24h`) or 1 day (`7d`, `30d`):
/// a window covers whole buckets ending with the bucket that holds `asOf`.
public enum FeatureCatalog {
    /// Whether `feature` describes the merchant's links to others rather than the merchant itself:
    /// the relational group and the listing's photos shared with other merchants.
    public static func isLinkage(_ feature: FeatureDefinition) -> Bool {
        feature.group == .relational || feature.name == "listing_shared_image_hashes" || feature.name == "listing_image_hash_max_other_merchants"
    }

    /// Features made of the engine's own earlier verdicts (listing-score history, intercepts,
    /// linked merchants' scores and intercepts): their values depend on the model that scored,
    /// so learned models leave them out (``TrainingSettings/excludedFeatures``).
    public static let policyDependentNames: Set<String> = [
        "listing_score_max_7d", "listing_score_mean_7d", "listing_score_max_30d", "listing_score_mean_30d",
        "listings_scored_7d", "intercepted_listings_7d", "reviewed_listings_7d",
        "ring_linked_intercepted", "ring_max_linked_score", "ring_mean_linked_score",
    ]

    /// Every feature, in vector order; names are unique snake_case.
    public static let definitions: [FeatureDefinition] = listing + storefront + reviews + payments + logistics + relational + appended

    /// The names of ``definitions``, in vector order.
    public static let names: [String] = definitions.map(\.name)

    private static let positions: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    /// The vector position of the feature called `name`, or `nil` if there is none.
    public static func index(of name: String) -> Int? { positions[name] }

    /// The number of features.
    public static var count: Int { definitions.count }

    /// The catalogue as a Markdown table (`| # | name | group | window | meaning |`), generated from
    /// ``definitions`` so the documentation cannot drift from the code.
    public static func markdownTable() -> String {
        var lines = ["| # | name | group | window | meaning |", "| ---: | --- | --- | --- | --- |"]
        for (i, feature) in definitions.enumerated() {
            let meaning = feature.meaning.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| \(i) | `\(feature.name)` | \(feature.group.rawValue) | \(feature.window ?? "–") | \(meaning) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func f(_ name: String, _ group: FeatureGroup, _ window: String?, _ meaning: String) -> FeatureDefinition {
        FeatureDefinition(name: name, group: group, window: window, meaning: meaning)
    }

    private static let listing: [FeatureDefinition] = [
        f("listing_price", .listing, nil, "Listed price, in the listing's currency."),
        f("listing_reference_price", .listing, nil, "Brand registry reference price of a genuine item of the listing's brand in its category; NaN when brand or category is not in the registry."),
        f("listing_price_to_reference", .listing, nil, "Listed price ÷ reference price (0.3 = 70 % below what genuine goods cost); NaN without a reference price."),
        f("listing_ocr_price_count", .listing, nil, "Number of prices read by OCR from the listing's images."),
        f("listing_ocr_price_ratio", .listing, nil, "Largest max(listed, image)/min(listed, image) over OCR prices >= 1 (image 780, listed 100000 → 128.2); NaN when no usable OCR price."),
        f("listing_ocr_shows_listed_price", .listing, nil, "1 when some OCR price is within 2 % of the listed price, else 0; NaN when no usable OCR price."),
        f("listing_logo_count", .listing, nil, "Number of brand logos detected in the images."),
        f("listing_unauthorized_logo_count", .listing, nil, "Detected logos of registry brands the merchant is not authorised to sell (logos of brands unknown to the registry are not counted)."),
        f("listing_claims_brand", .listing, nil, "1 when the listing names a brand, else 0."),
        f("listing_brand_known", .listing, nil, "1 when the named brand is in the brand registry, else 0."),
        f("listing_unauthorized_brand_claim", .listing, nil, "1 when the named brand is in the registry and the merchant is not authorised for it, else 0."),
        f("listing_counterfeit_terms_strong", .listing, nil, "Strong counterfeit terms in the title (CounterfeitWording: replica, 高仿, 1:1, …)."),
        f("listing_counterfeit_terms_weak", .listing, nil, "Weak counterfeit terms in the title (inspired, 同款, …)."),
        f("listing_counterfeit_wording", .listing, nil, "1 when the title is flagged (a strong term or two weak ones), else 0."),
        f("listing_title_length", .listing, nil, "Title length in characters."),
        f("listing_image_count", .listing, nil, "Number of image hashes of the listing."),
        f("listing_shared_image_hashes", .listing, nil, "Image hashes of the listing that other merchants also use (identifier stage, kind image_hash)."),
        f("listing_image_hash_max_other_merchants", .listing, nil, "Most other merchants sharing one of the listing's image hashes; 0 when none is shared."),
        f("listing_stock", .listing, nil, "Units on offer."),
        f("listing_stock_change", .listing, nil, "Stock minus the stock of the listing's previous version; NaN for its first version."),
        f("listing_price_change_ratio", .listing, nil, "Price ÷ price of the listing's previous version; NaN for its first version."),
        f("listing_version", .listing, nil, "Versions of the listing seen so far, this one included (1 for a fresh create)."),
        f("listing_age_hours", .listing, nil, "Hours from the listing's first version to this one."),
        f("listing_is_update", .listing, nil, "1 for an update event, 0 for a create (or delist)."),
        f("listings_created_1h", .listing, "1h", "Listings the merchant created."),
        f("listings_created_24h", .listing, "24h", "Listings the merchant created."),
        f("listings_created_7d", .listing, "7d", "Listings the merchant created."),
        f("listings_updated_24h", .listing, "24h", "Listing updates by the merchant."),
        f("listings_delisted_24h", .listing, "24h", "Listings the merchant delisted."),
        f("listings_delisted_7d", .listing, "7d", "Listings the merchant delisted."),
        f("listing_price_changes_24h", .listing, "24h", "Updates that changed a listing's price."),
    ]

    private static let storefront: [FeatureDefinition] = [
        f("store_age_days", .storefront, nil, "Store age in days: the latest seller snapshot's store_age_days plus the days elapsed since it, as of asOf; NaN before any listing."),
        f("store_basic_template", .storefront, nil, "1 when the latest seller snapshot uses the basic template, else 0; NaN before any listing."),
        f("store_verified_id", .storefront, nil, "1 when the merchant's identity is verified (latest snapshot), else 0; NaN before any listing."),
        f("store_active_listings", .storefront, nil, "Distinct listings currently active (created or updated, not delisted), among the tracked ones."),
        f("store_total_stock", .storefront, nil, "Total stock of the active listings."),
        f("store_distinct_categories", .storefront, nil, "Distinct categories among active listings."),
        f("store_distinct_brands", .storefront, nil, "Distinct brands (ignoring case) among active listings."),
        f("store_known_brand_share", .storefront, nil, "Share of active listings whose brand is in the registry; 0 with no active listing."),
        f("store_unauthorized_brand_listings", .storefront, nil, "Active listings of registry brands the merchant is not authorised for."),
        f("store_counterfeit_wording_listings", .storefront, nil, "Active listings whose title is flagged by CounterfeitWording."),
        f("store_ocr_mismatch_listings", .storefront, nil, "Active listings whose OCR price ratio is at least the settings' ocrMismatchRatio (default 5)."),
        f("store_min_price_to_reference", .storefront, nil, "Lowest price ÷ reference price among active listings; NaN when none has a reference price."),
        f("store_mean_price_to_reference", .storefront, nil, "Mean price ÷ reference price among active listings; NaN when none has a reference price."),
        f("store_seller_devices_30d", .storefront, "30d", "Distinct seller device ids in listing events (HyperLogLog estimate)."),
        f("store_seller_ips_30d", .storefront, "30d", "Distinct seller IPs in listing events (HyperLogLog estimate)."),
        f("store_seller_wifis_30d", .storefront, "30d", "Distinct seller Wi-Fi BSSIDs in listing events (HyperLogLog estimate)."),
        f("listing_score_max_7d", .storefront, "7d", "Highest listing score recorded with recordListingScore; 0 when none."),
        f("listing_score_mean_7d", .storefront, "7d", "Mean recorded listing score; 0 when none."),
        f("listing_score_max_30d", .storefront, "30d", "Highest recorded listing score; 0 when none."),
        f("listing_score_mean_30d", .storefront, "30d", "Mean recorded listing score; 0 when none."),
        f("listings_scored_7d", .storefront, "7d", "Listing verdicts recorded."),
        f("intercepted_listings_7d", .storefront, "7d", "Recorded listing verdicts whose decision was intercept."),
        f("reviewed_listings_7d", .storefront, "7d", "Recorded listing verdicts whose decision was review."),
    ]

    private static let reviews: [FeatureDefinition] = [
        f("reviews_1h", .reviews, "1h", "Reviews received."),
        f("reviews_24h", .reviews, "24h", "Reviews received."),
        f("reviews_7d", .reviews, "7d", "Reviews received."),
        f("reviews_30d", .reviews, "30d", "Reviews received."),
        f("review_burst_ratio", .reviews, "1h", "(reviews_1h + 1) ÷ (reviews_7d ÷ 168 + 1): the last hour against the 7-day hourly average, one review an hour added to both (RatePrior.burstBaselinePerHour) so a quiet shop's single review is no burst."),
        f("review_mean_rating_7d", .reviews, "7d", "Mean rating (1–5); NaN without reviews."),
        f("review_five_star_share_7d", .reviews, "7d", "Share of 5-star reviews."),
        f("review_one_star_share_7d", .reviews, "7d", "Share of 1-star reviews."),
        f("review_new_account_share_7d", .reviews, "7d", "Share of reviews from buyer accounts younger than newAccountMaxAgeDays (default 30), smoothed (RatePrior.newAccountReviews: 15 %, worth 10 reviews); support reviews_7d."),
        f("review_new_accounts_24h", .reviews, "24h", "Reviews from buyer accounts younger than newAccountMaxAgeDays."),
        f("review_new_account_five_star_24h", .reviews, "24h", "5-star reviews from buyer accounts younger than newAccountMaxAgeDays."),
        f("review_duplicate_texts_7d", .reviews, "7d", "Reviews whose normalised text fingerprint this merchant had already received (last 1024 fingerprints kept)."),
        f("review_duplicate_text_share_7d", .reviews, "7d", "review_duplicate_texts_7d ÷ reviews_7d, smoothed (RatePrior.duplicateReviews: 2 %, worth 10 reviews)."),
        f("review_very_short_share_7d", .reviews, "7d", "Share of reviews with less content than veryShortReviewLength (default 6, ReviewTextSignals), smoothed (RatePrior.shortReviews: 20 %, worth 10 reviews)."),
        f("review_complaints_30d", .reviews, "30d", "Reviews with a strong counterfeit complaint term (ComplaintWording: fake, 假货, …)."),
        f("review_complaint_share_30d", .reviews, "30d", "review_complaints_30d ÷ reviews_30d, smoothed (RatePrior.complaintReviews: 3 %, worth 10 reviews)."),
        f("review_distinct_buyers_7d", .reviews, "7d", "Distinct reviewing buyers (HyperLogLog estimate)."),
        f("review_distinct_devices_7d", .reviews, "7d", "Distinct reviewer devices (HyperLogLog estimate)."),
        f("review_from_seller_device_30d", .reviews, "30d", "Reviews written from a device the merchant itself listed from (its last 8 device ids)."),
        f("review_from_seller_ip_30d", .reviews, "30d", "Reviews written from an IP the merchant itself listed from (its last 8 IPs)."),
    ]

    private static let payments: [FeatureDefinition] = [
        f("charges_24h", .payments, "24h", "Charges."),
        f("charges_7d", .payments, "7d", "Charges."),
        f("charges_30d", .payments, "30d", "Charges."),
        f("charge_amount_24h", .payments, "24h", "Sum of charged amounts."),
        f("charge_amount_30d", .payments, "30d", "Sum of charged amounts."),
        f("charge_mean_amount_30d", .payments, "30d", "Mean charged amount; 0 without charges."),
        f("refunds_30d", .payments, "30d", "Refunds."),
        f("refund_amount_30d", .payments, "30d", "Sum of refunded amounts."),
        f("refund_rate_30d", .payments, "30d", "refunds_30d ÷ charges_30d, smoothed (RatePrior.refund: 5 %, worth 10 charges), so one refund of one order reads 14 %; may exceed 1; support charges_30d."),
        f("refund_amount_rate_30d", .payments, "30d", "Refunded amount in mean charges ÷ charges_30d, smoothed like refund_rate_30d."),
        f("chargebacks_30d", .payments, "30d", "Chargebacks."),
        f("chargeback_amount_30d", .payments, "30d", "Sum of charged-back amounts."),
        f("chargeback_rate_30d", .payments, "30d", "chargebacks_30d ÷ charges_30d, smoothed (RatePrior.chargeback: 0.5 %, worth 20 charges); support charges_30d."),
        f("distinct_buyers_30d", .payments, "30d", "Distinct charged buyers (HyperLogLog estimate)."),
        f("buyer_top_share", .payments, nil, "Charges of the most frequent buyer ÷ all charges since the profile began (space-saving counters, 32 buyers), smoothed (RatePrior.topBuyer: 10 %, worth 10 charges)."),
        f("paid_to_listed_ratio_mean_30d", .payments, "30d", "Mean of charged amount ÷ the listing's current price, over charges of tracked listings; NaN when none."),
        f("paid_to_listed_ratio_min_30d", .payments, "30d", "Lowest charged amount ÷ listed price; NaN when none."),
        f("charges_unknown_listing_30d", .payments, "30d", "Charges for listings the profile does not track (never listed, or evicted)."),
        f("payout_accounts_30d", .payments, "30d", "Distinct payout accounts receiving charges (HyperLogLog estimate)."),
    ]

    private static let logistics: [FeatureDefinition] = [
        f("shipments_7d", .logistics, "7d", "Shipments handed to a carrier (status shipped)."),
        f("shipments_30d", .logistics, "30d", "Shipments handed to a carrier (status shipped)."),
        f("deliveries_30d", .logistics, "30d", "Shipments delivered."),
        f("returns_30d", .logistics, "30d", "Shipments returned."),
        f("return_rate_30d", .logistics, "30d", "returns_30d ÷ shipments_30d, smoothed (RatePrior.returned: 5 %, worth 10 shipments); may exceed 1; support shipments_30d."),
        f("ship_from_districts_30d", .logistics, "30d", "Distinct ship-from province/city/district triples (HyperLogLog estimate)."),
        f("ship_from_addresses_30d", .logistics, "30d", "Distinct ship-from address hashes (HyperLogLog estimate)."),
        f("carriers_30d", .logistics, "30d", "Distinct carriers (HyperLogLog estimate)."),
        f("return_addresses_30d", .logistics, "30d", "Distinct return address hashes (HyperLogLog estimate)."),
        f("return_address_reused", .logistics, nil, "1 when the merchant's latest return address is also used by other merchants (identifier stage, kind return_address), else 0."),
        f("return_address_other_merchants", .logistics, nil, "Other merchants using the merchant's latest return address."),
    ]

    private static let relational: [FeatureDefinition] =
        IdentifierKind.allCases.map { kind in
            f("shared_\(kind.rawValue)_count", .relational, nil, "Identifiers of kind \(kind.rawValue) this merchant shares with at least one other merchant (the larger of the identifier-stage links and the ring stage's count).")
        } + IdentifierKind.allCases.map { kind in
            f("max_other_merchants_\(kind.rawValue)", .relational, nil, "Most other merchants sharing one identifier of kind \(kind.rawValue); 0 when none is shared.")
        } + [
            f("shared_identifier_kinds", .relational, nil, "Kinds of identifier with at least one shared value."),
            f("in_ring", .relational, nil, "1 when the merchant is in a ring, else 0."),
            f("ring_size", .relational, nil, "Merchants in the ring including this one; 1 when in none."),
            f("ring_linked_intercepted", .relational, nil, "Other ring members whose latest decision is intercept."),
            f("ring_max_linked_score", .relational, nil, "Highest latest score among other ring members; 0 if none."),
            f("ring_mean_linked_score", .relational, nil, "Mean latest score of other ring members; 0 if none."),
        ]

    /// Features added after the first catalogue, in the order they were added (the vector only grows at its end).
    private static let appended: [FeatureDefinition] = [
        f("review_devices_per_review_7d", .reviews, "7d",
          "review_distinct_devices_7d ÷ reviews_7d, smoothed (RatePrior.devicesPerReview: 1, worth 5 reviews): near 1 when every buyer reviews from a phone of their own, low when a few devices write many reviews (a click farm)."),
    ]
}
