/// Evaluates the risk rules on a catalogue-aligned feature vector.
struct RuleEvaluator: Sendable {
    let rules: [RuleCode: RuleSettings]
    private static let wording = CounterfeitWording()
    private static let ocr = OCRPriceCheck()

    /// The fired rules for a listing (`listing` set) or a merchant (`listing` nil), in ``RuleCode`` order.
    ///
    /// During a marketplace-wide review surge (`surge`) a shop's review burst is the marketplace's
    /// season, not the shop's anomaly: ``RuleCode/reviewBurstNewAccounts`` does not fire.
    func evaluate(_ features: FeatureVector, listing: ListingEvent?, surge: ReviewSurge? = nil) -> [FiredRule] {
        var fired: [FiredRule] = []
        for code in RuleCode.allCases {
            guard let settings = rules[code], settings.enabled else { continue }
            if code.listingOnly && listing == nil { continue }
            if code.merchantOnly && listing != nil { continue }
            if code.readsReviewBursts, surge != nil { continue }
            if let detail = Self.check(code, settings, features, listing) {
                fired.append(FiredRule(code: code, detail: detail, settings: settings))
            }
        }
        return fired
    }

    /// Whether a rule that reads review bursts would have fired without the surge: the shop's
    /// burst is then one the marketplace's surge explains.
    func surgeExplainsBurst(_ features: FeatureVector, listing: ListingEvent?) -> Bool {
        RuleCode.allCases.contains { code in
            guard code.readsReviewBursts, let settings = rules[code], settings.enabled else { return false }
            return Self.check(code, settings, features, listing) != nil
        }
    }

    private static func value(_ features: FeatureVector, _ name: String) -> Double {
        FeatureCatalog.index(of: name).map { features[$0] } ?? .nan
    }

    /// The detail when `code` fires, else `nil`. NaN features never fire a rule.
    private static func check(_ code: RuleCode, _ s: RuleSettings, _ x: FeatureVector, _ listing: ListingEvent?) -> String? {
        func v(_ name: String) -> Double { value(x, name) }
        let f = NumberText.format
        switch code {
        case .ocrPriceMismatch:
            let ratio = v("listing_ocr_price_ratio")
            guard ratio >= s.threshold else { return nil }
            if let listing, let m = ocr.largestMismatch(listedPrice: listing.price, imagePrices: listing.imageTextPrices) {
                return "image shows \(f(m.imagePrice, 1)) \(listing.currency), listed at \(f(listing.price, 1)) \(listing.currency) (ratio \(f(ratio, 1)))"
            }
            return "image price differs from the listed price by a factor of \(f(ratio, 1))"
        case .unauthorizedLogo:
            let n = v("listing_unauthorized_logo_count")
            guard n >= s.threshold else { return nil }
            let logos = listing?.logos.joined(separator: ", ") ?? ""
            return "\(f(n, 0)) logo(s) of brands the merchant is not authorised to sell (detected: \(logos))"
        case .unauthorizedBrandClaim:
            guard v("listing_unauthorized_brand_claim") >= s.threshold else { return nil }
            return "claims brand \(listing?.brand ?? "?") without the rights holder's authorisation"
        case .priceFarBelowReference:
            let ratio = v("listing_price_to_reference")
            guard ratio <= s.threshold else { return nil }
            let reference = v("listing_reference_price")
            let currency = listing?.currency ?? ""
            return "listed at \(f(listing?.price ?? .nan, 1)) \(currency), \(NumberText.percent(ratio)) of the \(listing?.brand ?? "brand") reference price \(f(reference, 1))"
        case .counterfeitWording:
            guard v("listing_counterfeit_wording") >= s.threshold else { return nil }
            let terms = listing.map { wording.matches(in: $0.title).map(\.term) } ?? []
            return "title contains counterfeit wording: " + terms.joined(separator: ", ")
        case .sharedImageHash:
            let n = v("listing_shared_image_hashes")
            guard n >= s.threshold else { return nil }
            return "\(f(n, 0)) image(s) also used by up to \(f(v("listing_image_hash_max_other_merchants"), 0)) other merchant(s)"
        case .newBasicStore:
            let age = v("store_age_days")
            guard age <= s.threshold, v("store_basic_template") == 1, v("store_verified_id") == 0 else { return nil }
            return "store \(f(age, 1)) days old, basic template, identity not verified"
        case .reviewBurstNewAccounts:
            let burst = v("review_burst_ratio"), share = v("review_new_account_share_7d"), hour = v("reviews_1h")
            guard burst >= s.threshold, share >= s.secondaryThreshold, hour >= s.minimumVolume else { return nil }
            return "\(f(hour, 0)) reviews in the last hour, \(f(burst, 1))× the 7-day hourly rate; \(NumberText.percent(share)) from new buyer accounts"
        case .selfReview:
            let device = v("review_from_seller_device_30d"), ip = v("review_from_seller_ip_30d")
            guard device + ip >= s.threshold else { return nil }
            return "\(f(device, 0)) review(s) from the merchant's own device and \(f(ip, 0)) from its own IP in 30 days"
        case .highRefundRate:
            let rate = v("refund_rate_30d"), charges = v("charges_30d")
            guard rate >= s.threshold, charges >= s.minimumVolume else { return nil }
            return "\(f(v("refunds_30d"), 0)) refunds for \(f(charges, 0)) charges in 30 days (\(NumberText.percent(rate)))"
        case .highChargebackRate:
            let rate = v("chargeback_rate_30d"), charges = v("charges_30d")
            guard rate >= s.threshold, charges >= s.minimumVolume else { return nil }
            return "\(f(v("chargebacks_30d"), 0)) chargebacks for \(f(charges, 0)) charges in 30 days (\(NumberText.percent(rate)))"
        case .ringMember:
            let size = v("ring_size")
            guard size >= s.threshold else { return nil }
            return "member of a ring of \(f(size, 0)) merchants linked by shared identifiers"
        case .linkedToIntercepted:
            let n = v("ring_linked_intercepted")
            guard n >= s.threshold else { return nil }
            return "linked to \(f(n, 0)) intercepted merchant(s) (highest linked score \(f(v("ring_max_linked_score"), 0)))"
        case .interceptedListings, .repeatIntercepts:
            let n = v("intercepted_listings_7d")
            guard n >= s.threshold else { return nil }
            return "\(f(n, 0)) listing(s) intercepted in 7 days (highest listing score \(f(v("listing_score_max_7d"), 0)))"
        }
    }
}
