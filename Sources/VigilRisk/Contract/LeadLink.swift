/// One shared identifier in a lead: `{"kind": ..., "value_hash": ..., "merchants": [...]}`.
public struct LeadLink: Sendable, Hashable, Codable {
    /// `kind` of identifier shared.
    public var kind: LeadLinkKind
    /// `value_hash`: a hash of the shared value (the value itself is not published).
    public var valueHash: String
    /// `merchants` sharing it.
    public var merchants: [String]

    /// Creates a link.
    public init(kind: LeadLinkKind, valueHash: String, merchants: [String]) {
        self.kind = kind
        self.valueHash = valueHash
        self.merchants = merchants
    }

    private enum CodingKeys: String, CodingKey {
        case kind, valueHash = "value_hash", merchants
    }
}
