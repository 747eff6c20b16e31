import VigilRisk

/// A marketplace-wide festival sale (a "Double 11"): for one window, a share of honest shops
/// of every kind discount their goods and get review bursts from many buyers at once, some
/// of them with brand-new accounts, all with genuine texts. Nothing about it is counterfeit.
///
/// A plain value; ``SimulationScenario/festival`` is `nil` (no festival) unless set.
public struct FestivalSale: Sendable, Hashable, Codable {
    /// When the sale starts, ms after the scenario's `startTime`. Default 1 day.
    public var startOffset: Int64
    /// How long it lasts, ms (the window must end inside the simulated span). Default 24 h.
    public var length: Int64
    /// Share of honest shops (every honest population) taking part. Default 0.3.
    public var shopShare: Double
    /// Discount a taking-part shop gives, percent, drawn per shop. Default 20...50.
    public var discountPercent: ClosedRange<Int>
    /// Share of a taking-part shop's live listings that get a review burst (8–30 reviews
    /// within an hour). Default 0.4.
    public var reviewBurstRate: Double
    /// Share of a burst's reviewers whose accounts are 0–7 days old. Default 0.4.
    public var newAccountShare: Double

    /// Creates a festival; every parameter has the documented default.
    public init(startOffset: Int64 = 86_400_000, length: Int64 = 86_400_000, shopShare: Double = 0.3,
                discountPercent: ClosedRange<Int> = 20...50, reviewBurstRate: Double = 0.4, newAccountShare: Double = 0.4) {
        self.startOffset = startOffset
        self.length = length
        self.shopShare = shopShare
        self.discountPercent = discountPercent
        self.reviewBurstRate = reviewBurstRate
        self.newAccountShare = newAccountShare
    }
}
