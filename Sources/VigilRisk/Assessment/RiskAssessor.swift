/// Turns feature vectors into scores, decisions and reasons, by rules and a logistic model.
///
/// **Score formula** (listing and merchant alike):
/// - `model = round(100 × p)`, `p` the model's probability (the scorecard, or the XGBoost model when configured);
/// - `floor = 0` when no rule with a floor > 0 fired, else
///   `min(100, highest floor + stack_bonus × (number of such rules − 1))`;
/// - `score = max(model, floor)`, clamped to 0...100.
///
/// **Decision**: the threshold decision of `score` (``RiskThresholds``), raised to the most severe
/// `force` of the fired rules. **Reasons**: one per fired rule (its configured weight), then the
/// scorecard's positive contributions of at least `min_contribution` log-odds for features no fired
/// rule already explains (code `model_<feature>`, weight the contribution), strongest first, at most
/// `max_reasons`.
///
/// Listing-only rules (OCR, logos, brand, price, wording, images) are evaluated for listings,
/// the listing-history rules for merchants, the others for both.
public struct RiskAssessor: Sendable {
    /// The configuration in force.
    public let configuration: RiskConfiguration
    private let model: any RiskModel
    /// Catalogue index of each model feature, in model order.
    private let modelIndices: [Int]
    private let evaluator: RuleEvaluator

    /// Builds an assessor, loading the XGBoost model when configured.
    /// - Throws: ``RiskConfigurationError`` when a model reads a feature the catalogue does not have,
    ///   or ``ModelLoadError`` when the XGBoost file cannot be loaded.
    public init(configuration: RiskConfiguration) throws {
        self.configuration = configuration
        let model: any RiskModel
        let source: String
        if let path = configuration.xgboostModelPath {
            model = try ModelLoader().load(path: path)
            source = path
        } else {
            model = configuration.scorecard
            source = "scoring.scorecard"
        }
        var indices: [Int] = []
        for name in model.featureNames {
            guard let index = FeatureCatalog.index(of: name) else {
                throw RiskConfigurationError(file: source, key: "features: \(name)",
                                             problem: "feature \"\(name)\" is not in the feature catalogue",
                                             fix: "use a name from FeatureCatalog (docs/features.md), or retrain the model with catalogue names")
            }
            indices.append(index)
        }
        self.model = model
        modelVersion = configuration.modelVersion + "+" + model.version
        modelIndices = indices
        evaluator = RuleEvaluator(rules: configuration.rules)
    }

    /// `<model_version>+<model's own version>`, e.g. `vigil-risk-1+vigil-scorecard-1`.
    public let modelVersion: String

    /// Assesses one listing from its catalogue-aligned features.
    public func assessListing(_ features: FeatureVector, listing: ListingEvent) -> Assessment {
        assess(features, listing: listing)
    }

    /// Assesses a merchant from its catalogue-aligned features (computed without a listing: its own
    /// windows, storefront, listing-score history, links and ring).
    public func assessMerchant(_ features: FeatureVector, merchantID: String) -> Assessment {
        assess(features, listing: nil)
    }

    /// The rules that fire for these features (listing rules when `listing` is set, merchant rules otherwise).
    public func firedRules(_ features: FeatureVector, listing: ListingEvent?) -> [FiredRule] {
        evaluator.evaluate(features, listing: listing)
    }

    /// The model's probability for catalogue-aligned features.
    public func probability(_ features: FeatureVector) -> Double {
        model.probability(modelVector(features))
    }

    private func modelVector(_ features: FeatureVector) -> FeatureVector {
        FeatureVector(modelIndices.map { features[$0] })
    }

    private func assess(_ features: FeatureVector, listing: ListingEvent?) -> Assessment {
        let settings = configuration.scoring
        let vector = modelVector(features)
        let p = model.probability(vector)
        let modelScore = p.isFinite ? Int((100 * p).rounded()) : 0
        let fired = evaluator.evaluate(features, listing: listing)
        let floors = fired.map(\.settings.floor).filter { $0 > 0 }
        let floor = floors.isEmpty ? 0 : min(100, floors.max()! + settings.stackBonus * (floors.count - 1))
        let score = min(100, max(0, max(modelScore, floor)))
        var decision = configuration.thresholds.decision(for: score)
        for rule in fired { if let force = rule.settings.force, force > decision { decision = force } }

        var reasons = fired.map(\.reason)
        let explained = Set(fired.flatMap(\.code.features))
        for c in model.contributions(vector, limit: settings.maxReasons + explained.count)
        where c.weight >= settings.minContribution && !explained.contains(c.featureName) {
            let value = vector[c.featureIndex]
            reasons.append(VerdictReason(code: "model_" + c.featureName,
                                         detail: "\(c.featureName) = \(NumberText.format(value, decimals: 2)) adds \(NumberText.format(c.weight, decimals: 2)) log-odds",
                                         weight: (c.weight * 1000).rounded() / 1000))
        }
        let ordered = reasons.enumerated()
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .prefix(settings.maxReasons)
            .map(\.element)
        return Assessment(score: score, decision: decision, reasons: ordered, modelVersion: modelVersion)
    }
}
