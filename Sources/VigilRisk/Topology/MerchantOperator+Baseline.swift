/// The merchant stage's part in the marketplace's own season (``MarketplaceBaseline``): counting
/// merchants' review bursts, and reading a merchant's burst against a surge in progress.
extension MerchantProcessor {
    /// `review_devices_per_review_7d`'s position in the feature vector.
    private static let devicesPerReviewIndex = FeatureCatalog.index(of: "review_devices_per_review_7d")!

    /// Counts the merchant in the marketplace baseline: once per clock hour when its first review
    /// of the hour arrives, once more when its reviews of the hour become a burst (reviews of an
    /// hour before its latest are not counted). Only independent bursts count (``MarketplaceBaseline``):
    /// not one whose reviews come from few devices (a click farm's), and not one of a merchant linked
    /// to others (sharing a device, payout account, address… with them), so that a ring's review
    /// campaign never makes itself the marketplace's baseline.
    func countForBaseline(_ review: ReviewEvent, entry: inout Entry) {
        let baseline = context.marketplace
        let hour = MarketplaceBaseline.hour(of: review.ts)
        if hour > entry.reviewHour {
            entry.reviewHour = hour
            entry.reviewsInHour = 1
            entry.burstCounted = false
            baseline.recordReviewedShop(hour: hour)
        } else if hour == entry.reviewHour {
            entry.reviewsInHour += 1
        } else {
            return
        }
        guard !entry.burstCounted, !entry.profile.isLinked, entry.reviewsInHour >= baseline.settings.burstVolume else { return }
        let burst = entry.profile.reviewBurst(asOf: review.ts)
        guard burst.ratio >= baseline.settings.burstRatio else { return }
        entry.burstCounted = true
        guard burst.devicesPerReview >= baseline.settings.innocentDevicesPerReview else { return }
        if let surge = baseline.recordBurstingShop(hour: hour) {
            context.logger.info("marketplace-wide review surge in hour \(hour) of event time: \(surge.burstingShops) of \(surge.reviewedShops) shops reviewed bursting; review bursts are read against it")
        }
    }

    /// The marketplace-wide surge a merchant's own review burst is read against at `asOf`: only
    /// while a surge is in progress, and only for a burst like the season's (an unlinked merchant
    /// whose reviewers are on devices of their own, read from the `features` being assessed). A
    /// click farm's burst in a sale is still the shop's.
    func seasonalSurge(_ entry: Entry, features: FeatureVector, asOf: Int64) -> ReviewSurge? {
        guard let surge = context.marketplace.surge(at: asOf), !entry.profile.isLinked,
              features[Self.devicesPerReviewIndex] >= context.marketplace.settings.innocentDevicesPerReview else { return nil }
        return surge
    }
}
