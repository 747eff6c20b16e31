/// Turns feature vectors into scores, decisions and reasons, by rules and a logistic model.
///
/// **Score formula** (listing and merchant alike):
/// - `model = round(100 × p)`, `p` the model's probability (the scorecard, or the XGBoost model when configured);
/// - `floor = 0` when no rule with a floor > 0 fired, else
///   `min(100, highest floor + stack_bonus × (evidence families of such rules − 1))`: rules of one
///   ``EvidenceFamily`` restate one fact and stack once;
/// - `score = max(model, floor)`, clamped to 0...100.
///
/// **Decision**: the threshold decision of `score` (``RiskThresholds``), raised to the most severe
/// `force` of the fired rules.
///
/// **Linkage alone never intercepts.** When the decision is `intercept`, the merchant's own
/// evidence is scored too: the model without the linkage features (relational ones and the
/// listing's shared photos, as missing values) and the rules of every family but
/// ``EvidenceFamily/linkage``. If that alone would `allow`, the decision is `review` and the
/// score at most `intercept − 1`, with reason `linkage_only`: shops that share a warehouse, a
/// Wi-Fi or a photo with intercepted ones go to a reviewer, never to an automatic takedown.
/// Likewise a merchant whose storefront was never seen (payments or shipments read before its
/// first listing) is at most `review`, with reason `storefront_unseen`. **Reasons**: one per fired rule (its configured weight), then the
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
    /// Positions in the model vector of linkage features (what neighbours did, not the merchant).
    private let linkagePositions: [Int]
    /// Catalogue index of `store_age_days` (missing until the merchant's first listing).
    private let storeAgeIndex = FeatureCatalog.index(of: "store_age_days")
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
        linkagePositions = indices.indices.filter { FeatureCatalog.isLinkage(FeatureCatalog.definitions[indices[$0]]) }
        evaluator = RuleEvaluator(rules: configuration.rules)
    }

    /// `<model_version>+<model's own version>`, e.g. `vigil-risk-1+vigil-scorecard-1`.
    public let modelVersion: String

    /// Assesses one listing from its catalogue-aligned features.
    ///
    /// `surge`: a marketplace-wide review surge in progress (``MarketplaceBaseline/surge(at:)``),
    /// against which the shop's own review burst is read: rules on review bursts do not fire, and
    /// a burst that would have fired one is explained by the reason `marketplace_review_surge`.
    public func assessListing(_ features: FeatureVector, listing: ListingEvent, surge: ReviewSurge? = nil) -> Assessment {
        assess(features, listing: listing, surge: surge)
    }

    /// Assesses a merchant from its catalogue-aligned features (computed without a listing: its own
    /// windows, storefront, listing-score history, links and ring).
    ///
    /// With `explained: false` the score and decision are the same, but the model's contributions
    /// are not computed: the reasons hold only the fired rules and caps. The merchant stage
    /// reassesses a merchant at every event and publishes few of those assessments, so it
    /// explains only the ones it publishes. `surge` as for ``assessListing(_:listing:surge:)``.
    public func assessMerchant(_ features: FeatureVector, merchantID: String, explained: Bool = true, surge: ReviewSurge? = nil) -> Assessment {
        assess(features, listing: nil, explained: explained, surge: surge)
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

    private func assess(_ features: FeatureVector, listing: ListingEvent?, explained: Bool = true, surge: ReviewSurge? = nil) -> Assessment {
        let settings = configuration.scoring
        let vector = modelVector(features)
        let fired = evaluator.evaluate(features, listing: listing, surge: surge)
        var (score, decision) = scoreAndDecision(probability: model.probability(vector), fired: fired)
        var capReason: VerdictReason?
        if decision == .intercept, listing == nil, let age = storeAgeIndex, !features[age].isFinite {
            // Payments or shipments read before the merchant's first listing: nothing of its own
            // storefront is known yet, and there is nothing listed to take down.
            decision = .review
            score = min(score, configuration.thresholds.intercept - 1)
            capReason = VerdictReason(code: "storefront_unseen", detail: "no listing of the merchant seen yet: a reviewer decides", weight: 0)
        }
        if decision == .intercept {
            var own = vector
            for position in linkagePositions { own[position] = .nan }
            let ownRules = fired.filter { $0.code.family != .linkage }
            let (ownScore, ownDecision) = scoreAndDecision(probability: model.probability(own), fired: ownRules)
            if ownDecision == .allow {
                decision = .review
                score = min(score, configuration.thresholds.intercept - 1)
                capReason = VerdictReason(code: "linkage_only",
                                            detail: "links to other merchants alone never intercept: the merchant's own evidence scores \(ownScore)",
                                            weight: 0)
            }
        }

        var reasons = fired.map(\.reason)
        if let surge, evaluator.surgeExplainsBurst(features, listing: listing) { reasons.append(surge.reason) }
        let ruleFeatures = Set(fired.flatMap(\.code.features))
        for c in explained ? model.contributions(vector, limit: settings.maxReasons + ruleFeatures.count) : []
        where c.weight >= settings.minContribution && !ruleFeatures.contains(c.featureName) {
            let value = vector[c.featureIndex]
            reasons.append(VerdictReason(code: "model_" + c.featureName,
                                         detail: "\(c.featureName) = \(NumberText.format(value, decimals: 2)) adds \(NumberText.format(c.weight, decimals: 2)) log-odds",
                                         weight: (c.weight * 1000).rounded() / 1000))
        }
        let ordered = reasons.enumerated()
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .prefix(settings.maxReasons - (capReason == nil ? 0 : 1))
            .map(\.element)
        return Assessment(score: score, decision: decision, reasons: ordered + (capReason.map { [$0] } ?? []), modelVersion: modelVersion)
    }

    /// The score formula and threshold decision (see the type's documentation) for `probability`
    /// and the `fired` rules.
    private func scoreAndDecision(probability p: Double, fired: [FiredRule]) -> (score: Int, decision: VerdictDecision) {
        let modelScore = p.isFinite ? Int((100 * p).rounded()) : 0
        var families: Set<EvidenceFamily> = []
        var highest = 0
        for rule in fired where rule.settings.floor > 0 {
            families.insert(rule.code.family)
            highest = max(highest, rule.settings.floor)
        }
        let floor = families.isEmpty ? 0 : min(100, highest + configuration.scoring.stackBonus * (families.count - 1))
        let score = min(100, max(0, max(modelScore, floor)))
        var decision = configuration.thresholds.decision(for: score)
        for rule in fired { if let force = rule.settings.force, force > decision { decision = force } }
        return (score, decision)
    }
}
