/// Everything the tracker knows about one ring at one moment: the input of
/// ``LeadBuilder``.
public struct RingState: Sendable, Hashable {
    /// The stable ring id.
    public let ringID: String
    /// The members, sorted.
    public let merchants: [String]
    /// The active shared identifiers that join at least two members, strongest kind first.
    public let links: [LeadLink]
    /// How many of ``links`` are strong enough to link a pair on their own
    /// (their pair weight reaches the tracker's threshold).
    public let strongLinkCount: Int
    /// The latest risk of the members that have one.
    public let risks: [String: MerchantRisk]
    /// Evidence candidates: the scoring stage's reasons first (riskiest
    /// merchant first), then shared-identifier sightings (strongest kind
    /// first). Not truncated; ``LeadBuilder`` bounds it.
    public let evidence: [LeadEvidence]

    /// Creates a ring state.
    public init(ringID: String, merchants: [String], links: [LeadLink], strongLinkCount: Int, risks: [String: MerchantRisk], evidence: [LeadEvidence]) {
        self.ringID = ringID
        self.merchants = merchants
        self.links = links
        self.strongLinkCount = strongLinkCount
        self.risks = risks
        self.evidence = evidence
    }
}
