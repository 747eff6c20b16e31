/// A group of linked merchants worth an offline investigation, published to `risk.leads`.
///
/// Encodes to exactly the contract's fields, in snake_case: `ring_id`, `merchants`, `links`,
/// `ship_from`, `score`, `evidence`, `updated_at`.
public struct Lead: Sendable, Hashable, Codable {
    /// `ring_id`, stable while the ring exists.
    public var ringID: String
    /// `merchants` in the ring.
    public var merchants: [String]
    /// `links`: the shared identifiers.
    public var links: [LeadLink]
    /// `ship_from`: likely production and storage locations.
    public var shipFrom: [LeadShipFrom]
    /// `score`, 0...100.
    public var score: Int
    /// `evidence` behind the score.
    public var evidence: [LeadEvidence]
    /// `updated_at`, epoch ms.
    public var updatedAt: Int64

    /// Creates a lead; `score` is clamped to 0...100.
    public init(
        ringID: String, merchants: [String], links: [LeadLink], shipFrom: [LeadShipFrom], score: Int,
        evidence: [LeadEvidence], updatedAt: Int64
    ) {
        self.ringID = ringID
        self.merchants = merchants
        self.links = links
        self.shipFrom = shipFrom
        self.score = min(max(score, 0), 100)
        self.evidence = evidence
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case ringID = "ring_id", merchants, links, shipFrom = "ship_from", score, evidence, updatedAt = "updated_at"
    }

    /// Reads the contract's fields, checking the score range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ringID = try container.decode(String.self, forKey: .ringID)
        merchants = try container.decode([String].self, forKey: .merchants)
        links = try container.decode([LeadLink].self, forKey: .links)
        shipFrom = try container.decode([LeadShipFrom].self, forKey: .shipFrom)
        score = try container.decode(Int.self, forKey: .score)
        guard (0...100).contains(score) else {
            throw DecodingError.dataCorruptedError(forKey: .score, in: container, debugDescription: "score must be in 0...100, got \(score)")
        }
        evidence = try container.decode([LeadEvidence].self, forKey: .evidence)
        updatedAt = try container.decode(Int64.self, forKey: .updatedAt)
    }
}
