/// One shared identifier inside a ring, as a lead shows it:
/// `{kind, value_hash, merchants}`.
public struct RingLink: Sendable, Hashable, Codable, Comparable {
    /// The kind of identifier; its raw value is the lead's `kind`.
    public let kind: IdentifierKind
    /// The 16-hex-digit hash of the identifier (never the raw value).
    public let valueHash: String
    /// The ring members that share it, sorted.
    public let merchants: [String]

    /// Creates a link; `merchants` are sorted.
    public init(kind: IdentifierKind, valueHash: String, merchants: [String]) {
        self.kind = kind
        self.valueHash = valueHash
        self.merchants = merchants.sorted()
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case valueHash = "value_hash"
        case merchants
    }

    /// Orders by kind strength, then value hash.
    public static func < (lhs: RingLink, rhs: RingLink) -> Bool {
        lhs.kind == rhs.kind ? lhs.valueHash < rhs.valueHash : lhs.kind < rhs.kind
    }
}
