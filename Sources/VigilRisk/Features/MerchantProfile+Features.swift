import VigilState

extension MerchantProfile {
    private static let counterfeitWording = CounterfeitWording()
    private static let ocrCheck = OCRPriceCheck()
    private static let dayMs = 86_400_000.0

    /// The feature vector aligned with ``FeatureCatalog/definitions``.
    ///
    /// Windows are read as of `asOf` (event time, epoch ms). Listing-level features come from
    /// `listing` (all `NaN` when it is `nil`); its "previous version" is the version before it
    /// when it is the latest version applied, else the latest version applied. Registry-dependent
    /// values use `brands` as it is now.
    public func features(listing: ListingEvent?, brands: BrandRegistry, asOf: Int64) -> FeatureVector {
        let merchant = merchantFeatures(brands: brands, asOf: asOf)
        guard let listing else { return merchant }
        return features(listing: listing, brands: brands, merchant: merchant)
    }

    /// The merchant's own features (windows, storefront, links); the listing's are missing.
    private func merchantFeatures(brands: BrandRegistry, asOf: Int64) -> FeatureVector {
        var b = FeatureVectorBuilder()
        windowFeatures(asOf: asOf, into: &b)
        storefrontFeatures(brands: brands, asOf: asOf, into: &b)
        relationalFeatures(into: &b)
        return b.vector
    }

    /// `merchant` (this profile's ``features(listing:brands:asOf:)`` without a listing, as of the
    /// same time) with `listing`'s features added: the same vector as
    /// `features(listing: listing, brands: brands, asOf: asOf)`, without reading the windows again.
    public func features(listing: ListingEvent, brands: BrandRegistry, merchant: FeatureVector) -> FeatureVector {
        var b = FeatureVectorBuilder(merchant)
        listingFeatures(listing, brands: brands, into: &b)
        return b.vector
    }

    /// `merchant` with the listing-score history read again as of `asOf`: what
    /// `features(listing: nil, brands:, asOf:)` returns after ``recordListingScore(_:at:decision:)``,
    /// when nothing else changed since `merchant` was read as of `asOf`.
    public func refreshingListingScores(of merchant: FeatureVector, asOf: Int64) -> FeatureVector {
        var b = FeatureVectorBuilder(merchant)
        listingScoreFeatures(asOf: asOf, into: &b)
        return b.vector
    }

    private func count(_ metric: MerchantMetric, _ asOf: Int64) -> Double { Double(window(metric).snapshot(asOf: asOf).count) }

    /// The merchant's `review_burst_ratio` and `review_devices_per_review_7d` as of `asOf`,
    /// without reading its other windows (for the marketplace baseline).
    public func reviewBurst(asOf: Int64) -> (ratio: Double, devicesPerReview: Double) {
        let week = count(.reviews7d, asOf)
        let devices = window(.reviewDevices7d).snapshot(asOf: asOf).distinct ?? 0
        return (RatePrior.burstRatio(lastHour: count(.reviews1h, asOf), lastWeek: week), Self.devicesPerReview(devices: devices, reviews7d: week))
    }

    /// `review_devices_per_review_7d`: distinct reviewer devices per review in 7 days, smoothed (``RatePrior/devicesPerReview``).
    private static func devicesPerReview(devices: Int, reviews7d: Double) -> Double {
        RatePrior.devicesPerReview.smoothed(min(Double(devices), reviews7d), reviews7d)
    }

    private func listingFeatures(_ listing: ListingEvent, brands: BrandRegistry, into b: inout FeatureVectorBuilder) {
        b.set("listing_price", listing.price)
        let reference = listing.brand.flatMap { brands.referencePrice(brand: $0, category: listing.category) }
        b.set("listing_reference_price", reference ?? .nan)
        b.set("listing_price_to_reference", reference.map { listing.price / $0 } ?? .nan)
        b.set("listing_ocr_price_count", listing.imageTextPrices.count)
        let mismatch = Self.ocrCheck.largestMismatch(listedPrice: listing.price, imagePrices: listing.imageTextPrices)
        b.set("listing_ocr_price_ratio", mismatch?.ratio ?? .nan)
        b.set("listing_ocr_shows_listed_price", mismatch.map { $0.listedPriceShown ? 1.0 : 0.0 } ?? .nan)
        b.set("listing_logo_count", listing.logos.count)
        b.set("listing_unauthorized_logo_count",
              listing.logos.filter { brands.knows(brand: $0) && !brands.isAuthorized(merchant: merchantID, brand: $0) }.count)
        b.set("listing_claims_brand", listing.brand != nil)
        let known = listing.brand.map { brands.knows(brand: $0) } ?? false
        b.set("listing_brand_known", known)
        b.set("listing_unauthorized_brand_claim", known && !brands.isAuthorized(merchant: merchantID, brand: listing.brand!))
        let matches = Self.counterfeitWording.matches(in: listing.title)
        b.set("listing_counterfeit_terms_strong", matches.filter { $0.strength == .strong }.count)
        b.set("listing_counterfeit_terms_weak", matches.filter { $0.strength == .weak }.count)
        b.set("listing_counterfeit_wording", CounterfeitWording.isFlagged(matches))
        b.set("listing_title_length", listing.title.count)
        b.set("listing_image_count", listing.imageHashes.count)
        var shared = 0
        var maxOthers = 0
        for hash in Set(listing.imageHashes) where !brands.isOfficialImage(hash) {
            let others = links.otherMerchants(kind: .imageHash, valueHash: IdentifierHasher.valueHash(kind: .imageHash, rawValue: hash))
            if others > 0 { shared += 1 }
            maxOthers = max(maxOthers, others)
        }
        b.set("listing_shared_image_hashes", shared)
        b.set("listing_image_hash_max_other_merchants", maxOthers)
        b.set("listing_stock", listing.stock)
        let record = listings[listing.listingID]
        let previous: (price: Double, stock: Int)?
        var versions = 1
        if let record, record.lastEventHash == StableHash.hash(listing.eventID) {
            previous = record.previousPrice.map { ($0, record.previousStock ?? record.stock) }
            versions = record.versions
        } else if let record {
            previous = (record.price, record.stock)
            versions = record.versions + 1
        } else {
            previous = nil
        }
        b.set("listing_stock_change", previous.map { Double(listing.stock - $0.stock) } ?? .nan)
        b.set("listing_price_change_ratio", previous.map { listing.price / $0.price } ?? .nan)
        b.set("listing_version", versions)
        let firstSeen = min(record?.firstSeen ?? listing.ts, listing.ts)
        b.set("listing_age_hours", Double(listing.ts - firstSeen) / 3_600_000)
        b.set("listing_is_update", listing.action == .update)
    }

    private func windowFeatures(asOf: Int64, into b: inout FeatureVectorBuilder) {
        b.set("listings_created_1h", count(.listingCreates1h, asOf))
        b.set("listings_created_24h", count(.listingCreates24h, asOf))
        b.set("listings_created_7d", count(.listingCreates7d, asOf))
        b.set("listings_updated_24h", count(.listingUpdates24h, asOf))
        b.set("listings_delisted_24h", count(.listingDelists24h, asOf))
        b.set("listings_delisted_7d", count(.listingDelists7d, asOf))
        b.set("listing_price_changes_24h", count(.priceChanges24h, asOf))

        // Reviews.
        let reviews1h = count(.reviews1h, asOf)
        let week = window(.reviews7d).snapshot(asOf: asOf)
        let reviews7d = Double(week.count)
        let reviews30d = count(.reviews30d, asOf)
        b.set("reviews_1h", reviews1h)
        b.set("reviews_24h", count(.reviews24h, asOf))
        b.set("reviews_7d", reviews7d)
        b.set("reviews_30d", reviews30d)
        b.set("review_burst_ratio", RatePrior.burstRatio(lastHour: reviews1h, lastWeek: reviews7d))
        b.set("review_mean_rating_7d", week.count > 0 ? (week.sum ?? 0) / reviews7d : .nan)
        b.set("review_five_star_share_7d", ratioOrZero(count(.reviewFiveStar7d, asOf), reviews7d))
        b.set("review_one_star_share_7d", ratioOrZero(count(.reviewOneStar7d, asOf), reviews7d))
        b.set("review_new_account_share_7d", RatePrior.newAccountReviews.smoothed(count(.reviewNewAccount7d, asOf), reviews7d))
        b.set("review_new_accounts_24h", count(.reviewNewAccount24h, asOf))
        b.set("review_new_account_five_star_24h", count(.reviewNewAccountFiveStar24h, asOf))
        let duplicates = count(.reviewDuplicate7d, asOf)
        b.set("review_duplicate_texts_7d", duplicates)
        b.set("review_duplicate_text_share_7d", RatePrior.duplicateReviews.smoothed(duplicates, reviews7d))
        b.set("review_very_short_share_7d", RatePrior.shortReviews.smoothed(count(.reviewVeryShort7d, asOf), reviews7d))
        let complaints = count(.reviewComplaint30d, asOf)
        b.set("review_complaints_30d", complaints)
        b.set("review_complaint_share_30d", RatePrior.complaintReviews.smoothed(complaints, reviews30d))
        b.set("review_distinct_buyers_7d", week.distinct ?? 0)
        let reviewDevices = window(.reviewDevices7d).snapshot(asOf: asOf).distinct ?? 0
        b.set("review_distinct_devices_7d", reviewDevices)
        b.set("review_devices_per_review_7d", Self.devicesPerReview(devices: reviewDevices, reviews7d: reviews7d))
        b.set("review_from_seller_device_30d", count(.reviewSellerDevice30d, asOf))
        b.set("review_from_seller_ip_30d", count(.reviewSellerIP30d, asOf))

        // Payments.
        let day = window(.charges24h).snapshot(asOf: asOf)
        let month = window(.charges30d).snapshot(asOf: asOf)
        let refunds = window(.refunds30d).snapshot(asOf: asOf)
        let chargebacks = window(.chargebacks30d).snapshot(asOf: asOf)
        let charges30d = Double(month.count)
        let amount30d = month.sum ?? 0
        b.set("charges_24h", day.count)
        b.set("charges_7d", count(.charges7d, asOf))
        b.set("charges_30d", charges30d)
        b.set("charge_amount_24h", day.sum ?? 0)
        b.set("charge_amount_30d", amount30d)
        b.set("charge_mean_amount_30d", ratioOrZero(amount30d, charges30d))
        b.set("refunds_30d", refunds.count)
        b.set("refund_amount_30d", refunds.sum ?? 0)
        b.set("refund_rate_30d", RatePrior.refund.smoothed(Double(refunds.count), charges30d))
        // Refunded money in units of the mean charge, so the prior weighs like `strength` charges.
        let meanCharge = charges30d > 0 ? amount30d / charges30d : ratioOrZero(refunds.sum ?? 0, Double(refunds.count))
        b.set("refund_amount_rate_30d", RatePrior.refund.smoothed(ratioOrZero(refunds.sum ?? 0, meanCharge), charges30d))
        b.set("chargebacks_30d", chargebacks.count)
        b.set("chargeback_amount_30d", chargebacks.sum ?? 0)
        b.set("chargeback_rate_30d", RatePrior.chargeback.smoothed(Double(chargebacks.count), charges30d))
        b.set("distinct_buyers_30d", month.distinct ?? 0)
        b.set("buyer_top_share", RatePrior.topBuyer.smoothed(Double(topBuyers.topCount), Double(topBuyers.total)))
        let paid = window(.paidRatio30d).snapshot(asOf: asOf)
        b.set("paid_to_listed_ratio_mean_30d", paid.count > 0 ? (paid.sum ?? 0) / Double(paid.count) : .nan)
        b.set("paid_to_listed_ratio_min_30d", paid.min ?? .nan)
        b.set("charges_unknown_listing_30d", count(.chargesUnknownListing30d, asOf))
        b.set("payout_accounts_30d", window(.payoutAccounts30d).snapshot(asOf: asOf).distinct ?? 0)

        // Logistics.
        let shipments30d = count(.shipments30d, asOf)
        let returns30d = count(.returns30d, asOf)
        b.set("shipments_7d", count(.shipments7d, asOf))
        b.set("shipments_30d", shipments30d)
        b.set("deliveries_30d", count(.deliveries30d, asOf))
        b.set("returns_30d", returns30d)
        b.set("return_rate_30d", RatePrior.returned.smoothed(returns30d, shipments30d))
        b.set("ship_from_districts_30d", window(.shipDistricts30d).snapshot(asOf: asOf).distinct ?? 0)
        b.set("ship_from_addresses_30d", window(.shipAddresses30d).snapshot(asOf: asOf).distinct ?? 0)
        b.set("carriers_30d", window(.carriers30d).snapshot(asOf: asOf).distinct ?? 0)
        b.set("return_addresses_30d", window(.returnAddresses30d).snapshot(asOf: asOf).distinct ?? 0)
        let returnOthers = latestReturnAddress.map { links.otherMerchants(kind: .returnAddress, valueHash: $0) } ?? 0
        b.set("return_address_reused", returnOthers > 0)
        b.set("return_address_other_merchants", returnOthers)
        listingScoreFeatures(asOf: asOf, into: &b)
    }

    /// The features read from the scores of the merchant's own listings.
    private func listingScoreFeatures(asOf: Int64, into b: inout FeatureVectorBuilder) {
        let scores7d = window(.listingScores7d).snapshot(asOf: asOf)
        let scores30d = window(.listingScores30d).snapshot(asOf: asOf)
        b.set("listing_score_max_7d", scores7d.max ?? 0)
        b.set("listing_score_mean_7d", ratioOrZero(scores7d.sum ?? 0, Double(scores7d.count)))
        b.set("listing_score_max_30d", scores30d.max ?? 0)
        b.set("listing_score_mean_30d", ratioOrZero(scores30d.sum ?? 0, Double(scores30d.count)))
        b.set("listings_scored_7d", scores7d.count)
        b.set("intercepted_listings_7d", count(.intercepts7d, asOf))
        b.set("reviewed_listings_7d", count(.reviewDecisions7d, asOf))
    }

    private func storefrontFeatures(brands: BrandRegistry, asOf: Int64, into b: inout FeatureVectorBuilder) {
        if let seller {
            let elapsed = max(0, Double(asOf) - Double(sellerSnapshotTime)) / Self.dayMs
            b.set("store_age_days", Double(seller.storeAgeDays) + elapsed)
            b.set("store_basic_template", seller.template == .basic)
            b.set("store_verified_id", seller.verifiedID)
        }
        var active = 0
        var stock = 0
        var categories: Set<String> = []
        var brandNames: Set<String> = []
        var knownBrand = 0
        var unauthorized = 0
        var wording = 0
        var ocr = 0
        var ratioSum = 0.0
        var ratioMin = Double.infinity
        var ratioCount = 0
        for record in listings.values where record.active {
            active += 1
            stock += record.stock
            categories.insert(record.category)
            if record.counterfeitWording { wording += 1 }
            if record.ocrRatio >= settings.ocrMismatchRatio { ocr += 1 }
            guard let brand = record.brand, let known = brands.record(for: brand) else {
                if let brand = record.brand { brandNames.insert(brand.lowercased()) }
                continue
            }
            brandNames.insert(brand.lowercased())
            knownBrand += 1
            if !known.authorizedMerchants.contains(merchantID) { unauthorized += 1 }
            if let reference = known.referencePrices[record.category] {
                let ratio = record.price / reference
                ratioSum += ratio
                ratioMin = min(ratioMin, ratio)
                ratioCount += 1
            }
        }
        b.set("store_active_listings", active)
        b.set("store_total_stock", stock)
        b.set("store_distinct_categories", categories.count)
        b.set("store_distinct_brands", brandNames.count)
        b.set("store_known_brand_share", ratioOrZero(Double(knownBrand), Double(active)))
        b.set("store_unauthorized_brand_listings", unauthorized)
        b.set("store_counterfeit_wording_listings", wording)
        b.set("store_ocr_mismatch_listings", ocr)
        b.set("store_min_price_to_reference", ratioCount > 0 ? ratioMin : .nan)
        b.set("store_mean_price_to_reference", ratioCount > 0 ? ratioSum / Double(ratioCount) : .nan)
        b.set("store_seller_devices_30d", window(.sellerDevices30d).snapshot(asOf: asOf).distinct ?? 0)
        b.set("store_seller_ips_30d", window(.sellerIPs30d).snapshot(asOf: asOf).distinct ?? 0)
        b.set("store_seller_wifis_30d", window(.sellerWifis30d).snapshot(asOf: asOf).distinct ?? 0)
    }

    private func relationalFeatures(into b: inout FeatureVectorBuilder) {
        let summary = links.summary()
        var kinds = 0
        for kind in IdentifierKind.allCases {
            let shared = max(summary[kind]?.count ?? 0, ring.sharedCount(kind))
            if shared > 0 { kinds += 1 }
            b.set("shared_\(kind.rawValue)_count", shared)
            b.set("max_other_merchants_\(kind.rawValue)", summary[kind]?.maxOthers ?? 0)
        }
        b.set("shared_identifier_kinds", kinds)
        b.set("in_ring", ring.ringID != nil)
        b.set("ring_size", ring.ringSize)
        b.set("ring_linked_intercepted", ring.linkedIntercepted)
        b.set("ring_max_linked_score", ring.maxLinkedScore)
        b.set("ring_mean_linked_score", ring.meanLinkedScore)
    }
}
