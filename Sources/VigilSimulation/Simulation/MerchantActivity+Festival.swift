import VigilRisk

/// The festival sale, for a shop that takes part (``MerchantPlan/festivalDiscount``).
///
/// Drawn from the merchant's festival stream (``MerchantActivity/festivalRNG``), swapped in
/// for the duration, so a shop's other events are the same with or without the festival.
extension MerchantActivity {
    /// For a listing live when the sale starts: an update to the sale price at the start
    /// (the image shows the old and the new price), the old price back at the end, extra
    /// orders at the sale price, and sometimes a review burst within one hour.
    mutating func simulateFestival(_ listing: ListingPlan) {
        guard let festival = scenario.festival, let discount = merchant.festivalDiscount else { return }
        let start = scenario.startTime + festival.startOffset
        let stop = start + festival.length
        let activeEnd = min(listing.delistTS ?? end, end)
        guard listing.createTS < start, activeEnd > start + hour else { return }
        swap(&rng, &festivalRNG)
        defer { swap(&rng, &festivalRNG) }
        var sale = listing
        sale.priceCents = max(100, (listing.priceCents * Int64(100 - discount) / 100 + 50) / 100 * 100)
        sale.chargeCents = sale.priceCents
        sale.title = listing.title + " - festival sale, \(discount)% off"
        sale.imageTextCents = [listing.priceCents, sale.priceCents]
        emitListing(sale, action: .update, ts: start + rng.int64(in: 0...(10 * minute)), price: sale.priceCents, stock: listing.stock)
        if stop < activeEnd {
            emitListing(listing, action: .update, ts: stop, price: listing.priceCents, stock: listing.stock)
        }
        let saleEnd = min(stop, activeEnd)
        let extraOrders = rng.poisson(mean: merchant.population == .newStore ? 0.3 : 2)  // a new store stays small
        for ts in sortedTimes(extraOrders, from: start + 10 * minute, to: saleEnd) {
            simulateOrder(of: sale, at: ts)
        }
        if rng.chance(festival.reviewBurstRate) {
            festivalReviewBurst(on: listing, from: start, to: saleEnd, newAccountShare: festival.newAccountShare)
        }
    }

    /// 8–30 genuine reviews within one hour of the sale, a share of them from accounts
    /// opened in the last week (buyers who joined for the festival).
    private mutating func festivalReviewBurst(on listing: ListingPlan, from start: Int64, to stop: Int64, newAccountShare: Double) {
        let burst = start + rng.int64(in: 0...max(0, stop - start - hour))
        for _ in 0..<rng.int(in: 8...30) {
            let ts = burst + rng.int64(in: 0...(hour - 1))
            let newAccount = rng.chance(newAccountShare)
            let buyer = SimulatedBuyer(number: newAccount ? rng.int(in: 500_001...9_999_999) : rng.int(in: 1...500_000), seed: scenario.seed)
            let (rating, text) = honestBuyerReview()
            emitReview(listingID: listing.id, buyerID: buyer.id, rating: rating, text: text,
                       accountAge: newAccount ? rng.int(in: 0...7) : buyer.accountAgeDays, device: buyer.device, ip: buyer.ip, ts: ts)
        }
    }
}
