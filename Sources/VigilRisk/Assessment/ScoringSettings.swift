/// How scores and reasons are formed (`scoring:` in `config/risk.yml`).
public struct ScoringSettings: Sendable, Hashable {
    /// `stack_bonus`: score points added to the highest rule floor per additional evidence family
    /// (``EvidenceFamily``) among the fired rules that have
    /// a floor above 0; default 10 (two strong rules together reach intercept).
    public var stackBonus: Int
    /// `max_reasons`: reasons kept per assessment; default 6.
    public var maxReasons: Int
    /// `min_contribution`: scorecard contributions below this (log-odds) are not given as reasons; default 0.25.
    public var minContribution: Double

    /// Creates settings; every argument has the documented default.
    public init(stackBonus: Int = 10, maxReasons: Int = 6, minContribution: Double = 0.25) {
        self.stackBonus = stackBonus
        self.maxReasons = maxReasons
        self.minContribution = minContribution
    }
}
