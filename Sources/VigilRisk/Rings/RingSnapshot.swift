/// A ring worth investigating, with every field of a lead on `risk.leads`
/// (same names in snake_case when encoded), so it maps 1:1 to the
/// contract's lead: `ring_id`, `merchants`, `links`, `ship_from`, `score`,
/// `evidence`, `updated_at`.
public struct RingSnapshot: Sendable, Hashable, Codable {
    /// The stable ring id.
    public let ringID: String
    /// The members, sorted.
    public let merchants: [String]
    /// The shared identifiers joining members, strongest kind first.
    public let links: [RingLink]
    /// Ship-from districts of the members, most shipments first.
    public let shipFrom: [ShipFromCount]
    /// The ring's risk, 0...100 (see ``RingScoreFormula``).
    public let score: Int
    /// Evidence, bounded by ``LeadPolicy/maxEvidence``.
    public let evidence: [LeadEvidence]
    /// When the snapshot was made, Unix epoch milliseconds.
    public let updatedAt: Int64

    /// Creates a snapshot.
    public init(ringID: String, merchants: [String], links: [RingLink], shipFrom: [ShipFromCount], score: Int, evidence: [LeadEvidence], updatedAt: Int64) {
        self.ringID = ringID
        self.merchants = merchants
        self.links = links
        self.shipFrom = shipFrom
        self.score = score
        self.evidence = evidence
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case ringID = "ring_id"
        case merchants
        case links
        case shipFrom = "ship_from"
        case score
        case evidence
        case updatedAt = "updated_at"
    }
}
