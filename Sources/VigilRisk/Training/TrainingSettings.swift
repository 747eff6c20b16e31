/// How `vigil train` trains (value type; every default is documented).
public struct TrainingSettings: Sendable, Hashable {
    /// Honest merchants at or above the intercept threshold / honest merchants, on the holdout, at most this; default 0.001 (0.1 %).
    public var budget: Double
    /// Honest merchants at or above the review threshold / honest merchants, at most this; default 0.05.
    public var reviewBudget: Double
    /// Boosting rounds, 1...300; default 200.
    public var trees: Int
    /// Maximum tree depth, 1...6; default 4.
    public var depth: Int
    /// Share of rows, the latest by `event_ts`, held out for thresholds and metrics, in (0, 1); default 0.3.
    public var holdout: Double
    /// XGBoost's random seed; default 7.
    public var seed: Int
    /// The Python interpreter; default `nil`: the first `python3` (then `python`) on `PATH`.
    public var python: String?
    /// The training script; default `scripts/train_model.py` (relative to the working directory).
    public var script: String
    /// Features the model may not read; default ``FeatureCatalog/policyDependentNames``: features
    /// made of the engine's own earlier verdicts, whose values change with the model that scores,
    /// so a model trained on them would learn the old model rather than the marketplace.
    public var excludedFeatures: Set<String>
    /// Share of the rows of merchants that no label names, taken as genuine (see ``TrainingSet``),
    /// in 0...1; default 0.25. 0 trains on labelled rows only.
    public var unlabelledShare: Double

    /// Creates settings; see each property for its default.
    public init(budget: Double = 0.001, reviewBudget: Double = 0.05, trees: Int = 200, depth: Int = 4, holdout: Double = 0.3,
                seed: Int = 7, python: String? = nil, script: String = "scripts/train_model.py",
                excludedFeatures: Set<String> = FeatureCatalog.policyDependentNames, unlabelledShare: Double = 0.25) {
        self.unlabelledShare = unlabelledShare
        self.excludedFeatures = excludedFeatures
        self.budget = budget
        self.reviewBudget = reviewBudget
        self.trees = trees
        self.depth = depth
        self.holdout = holdout
        self.seed = seed
        self.python = python
        self.script = script
    }

    /// Checks every range.
    /// - Throws: ``TrainingError/invalidSetting(name:problem:)`` naming the option.
    public func validate() throws(TrainingError) {
        guard (0...1).contains(budget) else { throw .invalidSetting(name: "--budget", problem: "must be a share in 0...1 (0.001 = 0.1 %), got \(budget)") }
        guard (0...1).contains(reviewBudget) else { throw .invalidSetting(name: "--review-budget", problem: "must be a share in 0...1, got \(reviewBudget)") }
        guard (1...300).contains(trees) else { throw .invalidSetting(name: "--trees", problem: "must be in 1...300, got \(trees)") }
        guard (1...6).contains(depth) else { throw .invalidSetting(name: "--depth", problem: "must be in 1...6, got \(depth)") }
        guard (0...1).contains(unlabelledShare) else { throw .invalidSetting(name: "--unlabelled-share", problem: "must be a share in 0...1, got \(unlabelledShare)") }
        guard holdout > 0, holdout < 1 else { throw .invalidSetting(name: "--holdout", problem: "must be a share in (0, 1), e.g. 0.3, got \(holdout)") }
    }
}
