/// The outcome of assessing one listing or merchant.
public struct Assessment: Sendable, Hashable {
    /// Risk score, 0...100, higher is riskier (see ``RiskAssessor`` for the formula).
    public var score: Int
    /// What to do.
    public var decision: VerdictDecision
    /// Why, strongest (highest weight) first, at most ``ScoringSettings/maxReasons``.
    public var reasons: [VerdictReason]
    /// The ``RiskAssessor/modelVersion`` that made it (so a verdict names the model that scored it,
    /// even while a reload swaps the assessor); default empty.
    public var modelVersion: String

    /// Creates an assessment.
    public init(score: Int, decision: VerdictDecision, reasons: [VerdictReason], modelVersion: String = "") {
        self.score = score
        self.decision = decision
        self.reasons = reasons
        self.modelVersion = modelVersion
    }
}
