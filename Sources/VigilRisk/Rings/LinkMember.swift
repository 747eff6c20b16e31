/// A merchant seen on a shared identifier, with the first event that showed it.
public struct LinkMember: Sendable, Hashable, Comparable {
    /// The merchant.
    public let merchantID: String
    /// The `event_id` of the first event in which the merchant used the identifier.
    public let eventID: String

    /// Creates a member.
    public init(merchantID: String, eventID: String) {
        self.merchantID = merchantID
        self.eventID = eventID
    }

    /// Orders by merchant id.
    public static func < (lhs: LinkMember, rhs: LinkMember) -> Bool {
        lhs.merchantID < rhs.merchantID
    }
}
