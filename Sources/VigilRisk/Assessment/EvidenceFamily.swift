/// What kind of evidence a rule rests on. Rules of one family restate one fact (an unauthorised
/// logo and an unauthorised brand claim both say "not on the brand's list"), so they earn the
/// stacking bonus once; and ``linkage`` — what the merchant's neighbours did — never intercepts
/// a merchant on its own (see ``RiskAssessor``).
public enum EvidenceFamily: String, Sendable, Hashable, CaseIterable {
    /// Brand authorisation: logos and brand claims the merchant may not use.
    case authorisation
    /// Prices: far below the reference, or contradicted by the picture.
    case price
    /// Counterfeit wording in titles.
    case wording
    /// The storefront itself (age, template, verification).
    case storefront
    /// Reviews: bursts from new accounts, reviews from the seller's own device.
    case reviews
    /// Money: refunds and chargebacks.
    case payments
    /// Identifiers shared with other merchants, rings, and neighbours' intercepts.
    case linkage
    /// The merchant's own listing verdicts.
    case history
}

extension RuleCode {
    /// The evidence family of the rule.
    public var family: EvidenceFamily {
        switch self {
        case .unauthorizedLogo, .unauthorizedBrandClaim: .authorisation
        case .ocrPriceMismatch, .priceFarBelowReference: .price
        case .counterfeitWording: .wording
        case .newBasicStore: .storefront
        case .reviewBurstNewAccounts, .selfReview: .reviews
        case .highRefundRate, .highChargebackRate: .payments
        case .sharedImageHash, .ringMember, .linkedToIntercepted: .linkage
        case .interceptedListings, .repeatIntercepts: .history
        }
    }
}
