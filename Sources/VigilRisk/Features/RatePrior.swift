/// A rate with evidence: the marketplace-typical rate it starts from and how many observations
/// that prior is worth, so a rate over one or two events stays near the prior instead of
/// jumping to 0 % or 100 %.
///
/// `smoothed(events, trials) = (events + rate × strength) ÷ (trials + strength)` (additive, or
/// beta-binomial, smoothing). One refund of one order with the refund prior (5 %, worth 10
/// orders) reads 14 %, not 100 %; 30 refunds of 60 orders read 45 %. The raw counts that give a
/// rate its support stay features of their own (`charges_30d`, `shipments_30d`, `reviews_7d`…).
public struct RatePrior: Sendable, Hashable {
    /// The rate assumed before any observation, in 0...1.
    public var rate: Double
    /// How many observations the prior is worth (> 0).
    public var strength: Double

    /// Creates a prior.
    public init(rate: Double, strength: Double) {
        self.rate = rate
        self.strength = strength
    }

    /// The smoothed rate of `events` among `trials`.
    public func smoothed(_ events: Double, _ trials: Double) -> Double {
        (events + rate * strength) / (max(0, trials) + strength)
    }
}

extension RatePrior {
    /// Refunds per charge: 5 %, worth 10 charges.
    public static let refund = RatePrior(rate: 0.05, strength: 10)
    /// Chargebacks per charge: 0.5 %, worth 20 charges.
    public static let chargeback = RatePrior(rate: 0.005, strength: 20)
    /// Returns per shipment: 5 %, worth 10 shipments.
    public static let returned = RatePrior(rate: 0.05, strength: 10)
    /// The most frequent buyer's share of charges: 10 %, worth 10 charges.
    public static let topBuyer = RatePrior(rate: 0.1, strength: 10)
    /// Share of reviews from new buyer accounts: 15 %, worth 10 reviews.
    public static let newAccountReviews = RatePrior(rate: 0.15, strength: 10)
    /// Share of reviews repeating an earlier text: 2 %, worth 10 reviews.
    public static let duplicateReviews = RatePrior(rate: 0.02, strength: 10)
    /// Share of very short reviews: 20 %, worth 10 reviews.
    public static let shortReviews = RatePrior(rate: 0.2, strength: 10)
    /// Share of reviews with complaint wording: 3 %, worth 10 reviews.
    public static let complaintReviews = RatePrior(rate: 0.03, strength: 10)
    /// Distinct reviewer devices per review: one, worth 5 reviews.
    public static let devicesPerReview = RatePrior(rate: 1, strength: 5)
    /// Reviews per hour assumed on top of the 7-day hourly average when a burst is measured
    /// (`review_burst_ratio`): one, so a single review in a quiet shop reads about 2×, not 168×.
    public static let burstBaselinePerHour = 1.0

    /// `review_burst_ratio`: `(reviews in the last hour + 1) ÷ (reviews in 7 days ÷ 168 + 1)`, the
    /// last hour against the shop's 7-day hourly average with ``burstBaselinePerHour`` added to both.
    public static func burstRatio(lastHour: Double, lastWeek: Double) -> Double {
        (lastHour + burstBaselinePerHour) / (lastWeek / 168 + burstBaselinePerHour)
    }
}
