/// One reassessment of a merchant by the merchant stage: its score and decision at once, its
/// reasons (the model's contributions, the costliest part) only when asked for.
///
/// The stage reassesses a merchant at every event but publishes a verdict, or reports to the ring
/// stage, for few of them; explaining only those keeps the unpublished ones cheap. Score and
/// decision never depend on the reasons, so both forms agree on them.
struct Reassessment {
    /// Score and decision (with label overrides); reasons complete once ``explained()`` was called.
    private(set) var assessment: Assessment
    private var isExplained = false
    private let features: FeatureVector
    private let merchantID: String
    private let standing: LabelLedger.Standing
    private let assessor: RiskAssessor
    private let surge: ReviewSurge?

    /// Scores `features` of `merchantID` with `assessor`, applying the merchant's label `standing`,
    /// reading its review bursts against the marketplace's `surge`, if one is in progress.
    init(features: FeatureVector, merchantID: String, standing: LabelLedger.Standing, assessor: RiskAssessor, surge: ReviewSurge? = nil) {
        self.features = features
        self.merchantID = merchantID
        self.standing = standing
        self.assessor = assessor
        self.surge = surge
        assessment = Self.assess(features, merchantID, standing, assessor, surge, explained: false)
    }

    /// The assessment with its full reasons (computed once).
    mutating func explained() -> Assessment {
        if !isExplained {
            assessment = Self.assess(features, merchantID, standing, assessor, surge, explained: true)
            isExplained = true
        }
        return assessment
    }

    private static func assess(_ features: FeatureVector, _ merchantID: String, _ standing: LabelLedger.Standing, _ assessor: RiskAssessor,
                               _ surge: ReviewSurge?, explained: Bool) -> Assessment {
        LabelOverride.merchant(assessor.assessMerchant(features, merchantID: merchantID, explained: explained, surge: surge),
                               standing: standing, thresholds: assessor.configuration.thresholds)
    }
}
