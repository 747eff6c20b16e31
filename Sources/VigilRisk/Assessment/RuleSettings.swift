/// The settings of one risk rule (`rules.<code>` in `config/risk.yml`).
///
/// When the rule fires it adds a reason with ``weight``, lifts the score to at least ``floor``
/// (see ``RiskAssessor`` for how floors stack) and, when ``force`` is set, makes the decision at
/// least that severe whatever the score.
public struct RuleSettings: Sendable, Hashable {
    /// `enabled`: whether the rule is evaluated; default `true`.
    public var enabled: Bool
    /// `threshold`: the rule's main threshold (meaning per rule on ``RuleCode``).
    public var threshold: Double
    /// `secondary_threshold`: a second threshold some rules use; 0 when unused.
    public var secondaryThreshold: Double
    /// `minimum_volume`: the least number of events for rate rules to apply; 0 when unused.
    public var minimumVolume: Double
    /// `floor`: the least score when the rule fires, 0...100.
    public var floor: Int
    /// `weight`: the reason's weight (log-odds-like, comparable with scorecard contributions).
    public var weight: Double
    /// `force`: `review` or `intercept` to force at least that decision; `nil` (`none`) to rely on the score.
    public var force: VerdictDecision?

    /// Creates rule settings.
    public init(enabled: Bool = true, threshold: Double, secondaryThreshold: Double = 0, minimumVolume: Double = 0,
                floor: Int, weight: Double, force: VerdictDecision? = nil) {
        self.enabled = enabled
        self.threshold = threshold
        self.secondaryThreshold = secondaryThreshold
        self.minimumVolume = minimumVolume
        self.floor = floor
        self.weight = weight
        self.force = force
    }

    /// The default settings of `code` (also written in `config/risk.yml`).
    public static func defaults(for code: RuleCode) -> RuleSettings {
        switch code {
        case .ocrPriceMismatch: RuleSettings(threshold: 5, floor: 75, weight: 3.0)
        case .unauthorizedLogo: RuleSettings(threshold: 1, floor: 60, weight: 2.5)
        case .unauthorizedBrandClaim: RuleSettings(threshold: 1, floor: 55, weight: 2.0)
        case .priceFarBelowReference: RuleSettings(threshold: 0.3, floor: 60, weight: 2.5)
        case .counterfeitWording: RuleSettings(threshold: 1, floor: 70, weight: 3.0)
        case .sharedImageHash: RuleSettings(threshold: 1, floor: 50, weight: 1.5)
        case .newBasicStore: RuleSettings(threshold: 30, floor: 0, weight: 1.0)
        case .reviewBurstNewAccounts: RuleSettings(threshold: 8, secondaryThreshold: 0.5, minimumVolume: 5, floor: 60, weight: 2.0)
        case .selfReview: RuleSettings(threshold: 1, floor: 55, weight: 2.0)
        case .highRefundRate: RuleSettings(threshold: 0.3, minimumVolume: 10, floor: 55, weight: 2.0)
        case .highChargebackRate: RuleSettings(threshold: 0.05, minimumVolume: 20, floor: 60, weight: 2.0)
        case .ringMember: RuleSettings(threshold: 3, floor: 50, weight: 1.5)
        case .linkedToIntercepted: RuleSettings(threshold: 1, floor: 65, weight: 2.5, force: .review)
        case .interceptedListings: RuleSettings(threshold: 1, floor: 60, weight: 2.5)
        case .repeatIntercepts: RuleSettings(threshold: 3, floor: 85, weight: 3.5, force: .intercept)
        }
    }
}
