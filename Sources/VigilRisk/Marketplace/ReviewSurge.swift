/// A marketplace-wide review surge in one hour of event time: so many of the shops reviewed in
/// that hour had a review burst that a burst says more about the marketplace (a festival sale)
/// than about the shop. Found by ``MarketplaceBaseline``.
public struct ReviewSurge: Sendable, Hashable {
    /// The hour (epoch hours of event time) the surge was measured in.
    public var hour: Int64
    /// Shops with a review burst in that hour.
    public var burstingShops: Int
    /// Shops with at least one review in that hour.
    public var reviewedShops: Int

    /// Creates a surge.
    public init(hour: Int64, burstingShops: Int, reviewedShops: Int) {
        self.hour = hour
        self.burstingShops = burstingShops
        self.reviewedShops = reviewedShops
    }

    /// The share of reviewed shops that were bursting, 0...1.
    public var share: Double { reviewedShops == 0 ? 0 : Double(burstingShops) / Double(reviewedShops) }

    /// The verdict reason when a shop's own review burst is read against the surge.
    var reason: VerdictReason {
        VerdictReason(code: "marketplace_review_surge",
                      detail: "review burst read against the marketplace: \(burstingShops) of \(reviewedShops) shops reviewed in the hour "
                          + "(\(NumberText.percent(share))) had one, a marketplace-wide surge such as a sale",
                      weight: 0)
    }
}
