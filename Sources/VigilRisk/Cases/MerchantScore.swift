/// A merchant's latest score in the ``CaseStore`` (see ``CaseStore/latestScores(of:)``).
public struct MerchantScore: Sendable, Hashable {
    /// The score, 0...100.
    public let score: Int
    /// The decision that came with it.
    public let decision: VerdictDecision
    /// When it was decided, epoch ms.
    public let decidedAt: Int64

    /// Creates a score.
    public init(score: Int, decision: VerdictDecision, decidedAt: Int64) {
        self.score = score
        self.decision = decision
        self.decidedAt = decidedAt
    }
}
