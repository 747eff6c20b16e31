/// One case in the ``CaseStore``: the latest lead of a ring and its bookkeeping.
public struct RingCase: Sendable, Hashable {
    /// The latest snapshot.
    public let snapshot: Lead
    /// How many distinct snapshots were stored.
    public let revision: Int
    /// `updated_at` of the first snapshot stored, epoch ms.
    public let firstSeenAt: Int64

    /// Creates a case.
    public init(snapshot: Lead, revision: Int, firstSeenAt: Int64) {
        self.snapshot = snapshot
        self.revision = revision
        self.firstSeenAt = firstSeenAt
    }
}
