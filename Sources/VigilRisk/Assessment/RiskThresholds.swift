/// Score thresholds that turn a 0...100 score into a decision.
public struct RiskThresholds: Sendable, Hashable {
    /// Scores at or above this are sent to review (`thresholds.review`); default 50.
    public var review: Int
    /// Scores at or above this are intercepted (`thresholds.intercept`); default 80.
    public var intercept: Int

    /// Creates thresholds; `review <= intercept` is checked by ``RiskConfiguration``.
    public init(review: Int = 50, intercept: Int = 80) {
        self.review = review
        self.intercept = intercept
    }

    /// review 50, intercept 80.
    public static let `default` = RiskThresholds()

    /// The decision for `score`.
    public func decision(for score: Int) -> VerdictDecision {
        score >= intercept ? .intercept : score >= review ? .review : .allow
    }
}
