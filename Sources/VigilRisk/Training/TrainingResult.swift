/// What a training produced: where the files are and the thresholds chosen on the holdout.
public struct TrainingResult: Sendable, Hashable {
    /// The XGBoost `save_model` JSON (loadable by ``ModelLoader``).
    public var modelPath: String
    /// `model-card.md` and `model-card.json`, next to the model.
    public var cardPaths: [String]
    /// The labelled rows the model was trained on (``TrainingSet/csv()``).
    public var rowsPath: String
    /// Thresholds chosen on the holdout (``TrainingSettings/budget``, ``TrainingSettings/reviewBudget``).
    public var thresholds: RiskThresholds
    /// Whether the intercept threshold meets the budget (false when an honest holdout merchant scores 100).
    public var budgetMet: Bool
    /// Whether the holdout has enough honest merchants (at least 3 / budget) for a 95 % bound of the
    /// honest false-intercept rate to fall within the budget when none is intercepted.
    public var budgetResolvable: Bool
    /// The model's version as Vigil reports it.
    public var modelVersion: String
    /// Holdout rows whose Swift probability was compared with Python's.
    public var checkedRows: Int

    /// The lines to put in `config/risk.yml` to score with this model.
    public var riskYAML: String {
        """
        thresholds:
          review: \(thresholds.review)
          intercept: \(thresholds.intercept)
        scoring:
          xgboost: \(modelPath)
        """
    }
}
