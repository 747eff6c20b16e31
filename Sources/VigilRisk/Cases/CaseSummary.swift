/// One line of ``CaseStore/list(includeClosed:)``: a ring case without its full snapshot.
public struct CaseSummary: Sendable, Hashable {
    /// The ring id.
    public let ringID: String
    /// The latest score.
    public let score: Int
    /// Members in the latest snapshot.
    public let memberCount: Int
    /// `updated_at` of the latest snapshot, epoch ms.
    public let updatedAt: Int64
    /// `updated_at` of the first snapshot stored, epoch ms.
    public let firstSeenAt: Int64
    /// How many distinct snapshots were stored (1 for a new case).
    public let revision: Int
    /// When the ring stopped existing (epoch ms, event time); `nil` while it is open.
    public let closedAt: Int64?
    /// Why it closed ("merged into ring-…" or "dissolved"); `nil` while it is open.
    public let closedReason: String?

    /// Creates a summary.
    public init(ringID: String, score: Int, memberCount: Int, updatedAt: Int64, firstSeenAt: Int64, revision: Int, closedAt: Int64? = nil, closedReason: String? = nil) {
        self.closedAt = closedAt
        self.closedReason = closedReason
        self.ringID = ringID
        self.score = score
        self.memberCount = memberCount
        self.updatedAt = updatedAt
        self.firstSeenAt = firstSeenAt
        self.revision = revision
    }
}
