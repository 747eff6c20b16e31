import VigilState

extension MerchantProfile {
    private static let counterfeitWording = CounterfeitWording()
    private static let complaintWording = ComplaintWording()
    private static let ocrCheck = OCRPriceCheck()
    private static let hourMs: Int64 = 3_600_000

    /// Applies one event of this merchant.
    ///
    /// `isLate`: the engine flags events older than the watermark; they do not enter any
    /// event-time window, but listing bookkeeping (tracked listings, storefront snapshot) and
    /// lifetime state (review fingerprints, top buyers) still update. Events of other merchants
    /// and redelivered events (see ``remember(eventID:)``) are ignored.
    /// - Returns: Whether the event was applied: `false` for another merchant's or a redelivered event.
    @discardableResult
    public mutating func apply(_ event: MarketplaceEvent, brands: BrandRegistry, isLate: Bool) -> Bool {
        guard event.merchantID == merchantID, remember(eventID: event.eventID) else { return false }
        lastEventTime = max(lastEventTime, event.ts)
        switch event {
        case .listing(let listing): applyListing(listing, isLate: isLate)
        case .review(let review): applyReview(review, isLate: isLate)
        case .payment(let payment): applyPayment(payment, isLate: isLate)
        case .logistics(let shipment): applyLogistics(shipment, isLate: isLate)
        }
        return true
    }

    /// Remembers `eventID` among the merchant's last ``ProfileLimits/maxRecentEvents`` event ids
    /// (kept as ``StableHash`` values): the one redelivery guard for the merchant's events and
    /// labels. ``apply(_:brands:isLate:)`` calls it for every event.
    /// - Returns: `false` when the id is already remembered (a redelivery), else `true`.
    public mutating func remember(eventID: String) -> Bool {
        recentEvents.insert(StableHash.hash(eventID))
    }

    /// Records the identifier stage's fact that this merchant's identifier of `kind` with hashed
    /// value `valueHash` is shared with `otherMerchants` other merchants (0: it became common or was
    /// withdrawn, and is forgotten).
    public mutating func applyLink(kind: IdentifierKind, valueHash: String, otherMerchants: Int) {
        links.set(kind: kind, valueHash: valueHash, otherMerchants: otherMerchants)
    }

    /// Whether the merchant shares an identifier with another merchant or sits in a ring: only
    /// then does the ring stage need its risk and shipments.
    public var isLinked: Bool { !links.others.isEmpty || ring.ringID != nil }

    /// Records the ring stage's latest facts about this merchant (replacing earlier ones).
    public mutating func applyRing(_ ring: RingFeatures) { self.ring = ring }

    /// Records the score of a listing verdict made at event time `ts`, for the merchant's
    /// listing-score history. `decision` defaults to what the default thresholds make of `score`
    /// (intercept >= 80, review >= 50).
    public mutating func recordListingScore(_ score: Int, at ts: Int64, decision: VerdictDecision? = nil) {
        let decision = decision ?? RiskThresholds.default.decision(for: score)
        add(.listingScores7d, value: Double(score), at: ts)
        add(.listingScores30d, value: Double(score), at: ts)
        if decision == .intercept { add(.intercepts7d, at: ts) }
        if decision == .review { add(.reviewDecisions7d, at: ts) }
    }

    private mutating func applyListing(_ event: ListingEvent, isLate: Bool) {
        let ocrRatio = Self.ocrCheck.largestMismatch(listedPrice: event.price, imagePrices: event.imageTextPrices)?.ratio ?? .nan
        let flagged = Self.counterfeitWording.isFlagged(event.title)
        var priceChanged = false
        if var record = listings[event.listingID] {
            record.versions += 1
            record.firstSeen = min(record.firstSeen, event.ts)
            if event.ts >= record.lastSeen {
                priceChanged = event.action != .delist && record.price != event.price
                record.previousPrice = record.price
                record.previousStock = record.stock
                record.lastEventHash = StableHash.hash(event.eventID)
                record.lastSeen = event.ts
                record.active = event.action != .delist
                record.category = event.category
                record.brand = event.brand
                record.price = event.price
                record.stock = event.stock
                record.counterfeitWording = flagged
                record.ocrRatio = ocrRatio
            }
            listings[event.listingID] = record
        } else {
            makeRoomForListing()
            listings[event.listingID] = ListingRecord(event: event, counterfeitWording: flagged, ocrRatio: ocrRatio)
        }
        if event.ts >= sellerSnapshotTime {
            seller = event.seller
            sellerSnapshotTime = event.ts
            Self.remember(StableHash.hash(event.seller.deviceID), in: &sellerDevices)
            Self.remember(StableHash.hash(event.seller.ip), in: &sellerIPs)
        }
        guard !isLate else { return }
        switch event.action {
        case .create:
            add(.listingCreates1h, at: event.ts)
            add(.listingCreates24h, at: event.ts)
            add(.listingCreates7d, at: event.ts)
        case .update:
            add(.listingUpdates24h, at: event.ts)
            if priceChanged { add(.priceChanges24h, at: event.ts) }
        case .delist:
            add(.listingDelists24h, at: event.ts)
            add(.listingDelists7d, at: event.ts)
        }
        add(.sellerDevices30d, distinct: event.seller.deviceID, at: event.ts)
        add(.sellerIPs30d, distinct: event.seller.ip, at: event.ts)
        if let wifi = event.seller.wifiBSSID { add(.sellerWifis30d, distinct: wifi, at: event.ts) }
    }

    private static func remember(_ hash: UInt64, in list: inout [UInt64]) {
        list.removeAll { $0 == hash }
        list.append(hash)
        if list.count > ProfileLimits.maxSellerIdentifiers { list.removeFirst() }
    }

    private mutating func makeRoomForListing() {
        guard listings.count >= ProfileLimits.maxListings else { return }
        let victim = listings.min { a, b in
            if a.value.active != b.value.active { return !a.value.active }
            if a.value.lastSeen != b.value.lastSeen { return a.value.lastSeen < b.value.lastSeen }
            return a.key < b.key
        }
        if let victim { listings.removeValue(forKey: victim.key) }
    }

    private mutating func applyReview(_ event: ReviewEvent, isLate: Bool) {
        let duplicate = !reviewFingerprints.insert(ReviewTextSignals.fingerprint(event.text))
        guard !isLate else { return }
        let ts = event.ts
        let isNew = event.buyerAccountAgeDays < settings.newAccountMaxAgeDays
        add(.reviews1h, at: ts)
        add(.reviews24h, at: ts)
        add(.reviews7d, value: Double(event.rating), distinct: event.buyerID, at: ts)
        add(.reviews30d, at: ts)
        if event.rating == 5 { add(.reviewFiveStar7d, at: ts) }
        if event.rating == 1 { add(.reviewOneStar7d, at: ts) }
        if isNew {
            add(.reviewNewAccount7d, at: ts)
            add(.reviewNewAccount24h, at: ts)
            if event.rating == 5 { add(.reviewNewAccountFiveStar24h, at: ts) }
        }
        if duplicate { add(.reviewDuplicate7d, at: ts) }
        if ReviewTextSignals.isVeryShort(event.text, minimumLength: settings.veryShortReviewLength) { add(.reviewVeryShort7d, at: ts) }
        if Self.complaintWording.isFlagged(event.text) { add(.reviewComplaint30d, at: ts) }
        add(.reviewDevices7d, distinct: event.deviceID, at: ts)
        if sellerDevices.contains(StableHash.hash(event.deviceID)) { add(.reviewSellerDevice30d, at: ts) }
        if sellerIPs.contains(StableHash.hash(event.ip)) { add(.reviewSellerIP30d, at: ts) }
    }

    private mutating func applyPayment(_ event: PaymentEvent, isLate: Bool) {
        if event.kind == .charge { topBuyers.add(StableHash.hash(event.buyerID)) }
        guard !isLate else { return }
        let ts = event.ts
        switch event.kind {
        case .charge:
            add(.charges24h, value: event.amount, at: ts)
            add(.charges7d, value: event.amount, at: ts)
            add(.charges30d, value: event.amount, distinct: event.buyerID, at: ts)
            add(.payoutAccounts30d, distinct: event.payoutAccount, at: ts)
            if let listed = listings[event.listingID]?.price, listed > 0 {
                add(.paidRatio30d, value: event.amount / listed, at: ts)
            } else {
                add(.chargesUnknownListing30d, at: ts)
            }
        case .refund:
            add(.refunds30d, value: event.amount, at: ts)
        case .chargeback:
            add(.chargebacks30d, value: event.amount, at: ts)
        }
    }

    private mutating func applyLogistics(_ event: LogisticsEvent, isLate: Bool) {
        if event.ts >= latestReturnAddressTime {
            latestReturnAddress = IdentifierHasher.valueHash(kind: .returnAddress, rawValue: event.returnAddressHash)
            latestReturnAddressTime = event.ts
        }
        guard !isLate else { return }
        let ts = event.ts
        switch event.status {
        case .shipped:
            add(.shipments7d, at: ts)
            add(.shipments30d, at: ts)
        case .delivered:
            add(.deliveries30d, at: ts)
        case .returned:
            add(.returns30d, at: ts)
        }
        let from = event.shipFrom
        add(.shipDistricts30d, distinct: from.province + "\u{1F}" + from.city + "\u{1F}" + from.district, at: ts)
        add(.shipAddresses30d, distinct: from.addressHash, at: ts)
        add(.carriers30d, distinct: event.carrier, at: ts)
        add(.returnAddresses30d, distinct: event.returnAddressHash, at: ts)
    }
}
