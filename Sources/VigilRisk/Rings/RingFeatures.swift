/// Ring features of one merchant, for the scoring model.
public struct RingFeatures: Sendable, Hashable {
    /// The merchant's ring, or `nil` if it is in none.
    public let ringID: String?
    /// Members of the merchant's ring including itself; 1 when in no ring.
    public let ringSize: Int
    /// Other ring members whose latest decision is `intercept`.
    public let linkedIntercepted: Int
    /// Highest latest score among the other ring members that have one; 0 if none.
    public let maxLinkedScore: Int
    /// Mean latest score of the other ring members that have one; 0 if none.
    public let meanLinkedScore: Double
    /// Active (not common) identifiers of this merchant that at least one
    /// other merchant also uses, by kind; kinds with none are absent.
    public let sharedIdentifiers: [IdentifierKind: Int]

    /// Creates ring features.
    public init(ringID: String?, ringSize: Int, linkedIntercepted: Int, maxLinkedScore: Int, meanLinkedScore: Double, sharedIdentifiers: [IdentifierKind: Int]) {
        self.ringID = ringID
        self.ringSize = ringSize
        self.linkedIntercepted = linkedIntercepted
        self.maxLinkedScore = maxLinkedScore
        self.meanLinkedScore = meanLinkedScore
        self.sharedIdentifiers = sharedIdentifiers
    }

    /// The features of a merchant in no ring with no shared identifiers.
    public static let none = RingFeatures(ringID: nil, ringSize: 1, linkedIntercepted: 0, maxLinkedScore: 0, meanLinkedScore: 0, sharedIdentifiers: [:])

    /// Shared identifiers of `kind` (0 if none).
    public func sharedCount(_ kind: IdentifierKind) -> Int { sharedIdentifiers[kind] ?? 0 }
}
