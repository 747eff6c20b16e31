/// Everything the risk assessor is configured with; a value type whose defaults are
/// ``default`` and are also written, documented, in `config/risk.yml`.
public struct RiskConfiguration: Sendable {
    /// `model_version`: the name of this configuration, reported in verdicts (combined with the
    /// model's own version, see ``RiskAssessor/modelVersion``); default `vigil-risk-1`.
    public var modelVersion: String
    /// `thresholds`: review >= 50, intercept >= 80 by default.
    public var thresholds: RiskThresholds
    /// `scoring`: rule stacking and reasons.
    public var scoring: ScoringSettings
    /// `features`: feature computation settings (for ``MerchantProfile/init(merchantID:settings:)``).
    public var features: FeatureSettings
    /// `rules`: every rule's settings; a rule absent here is disabled.
    public var rules: [RuleCode: RuleSettings]
    /// `scoring.scorecard`: the logistic scorecard (loaded from a path or given inline); default ``DefaultScorecard/model``.
    public var scorecard: ScorecardModel
    /// `scoring.xgboost`: path of an XGBoost `save_model` JSON; when set it replaces the scorecard
    /// for the probability (loaded by ``RiskAssessor/init(configuration:)``); default none.
    public var xgboostModelPath: String?
    /// `marketplace`: when a shop's review burst is read against a marketplace-wide surge
    /// (``MarketplaceBaseline/Settings``); fixed when the engine starts (a hot reload keeps it).
    public var marketplace = MarketplaceBaseline.Settings()

    /// Creates a configuration; every argument has the documented default.
    public init(modelVersion: String = "vigil-risk-1", thresholds: RiskThresholds = .default, scoring: ScoringSettings = ScoringSettings(),
                features: FeatureSettings = .default, rules: [RuleCode: RuleSettings] = RiskConfiguration.defaultRules,
                scorecard: ScorecardModel = DefaultScorecard.model, xgboostModelPath: String? = nil) {
        self.modelVersion = modelVersion
        self.thresholds = thresholds
        self.scoring = scoring
        self.features = features
        self.rules = rules
        self.scorecard = scorecard
        self.xgboostModelPath = xgboostModelPath
    }

    /// Every rule with ``RuleSettings/defaults(for:)``.
    public static let defaultRules: [RuleCode: RuleSettings] =
        Dictionary(uniqueKeysWithValues: RuleCode.allCases.map { ($0, RuleSettings.defaults(for: $0)) })

    /// The defaults (equal to what `config/risk.yml` says).
    public static let `default` = RiskConfiguration()
}
