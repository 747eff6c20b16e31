/// What the identifier stage tells the ring stage about one identifier.
///
/// Each event carries the *whole* current state of the identifier (all its
/// merchants and its current pair weight), so the ring tracker simply
/// replaces whatever it knew about that identifier: applying the same event
/// twice, or an older event after a newer one of a larger set, is harmless
/// as long as events of one identifier arrive in order (they do: one
/// identifier lives in one partition).
public struct LinkEvent: Sendable, Hashable {
    /// Whether the identifier links its merchants or has become common.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The identifier links its merchants with ``LinkEvent/weight``.
        case active
        /// The identifier is shared by more merchants than its kind's cap:
        /// drop every link it made. ``LinkEvent/weight`` is 0.
        case common
    }

    /// The identifier.
    public let identifier: IdentifierKey
    /// Its merchants, sorted by merchant id (for `common`: those known when
    /// it turned common, including the one that tipped it over).
    public let members: [LinkMember]
    /// The pair weight every two members get from this identifier (see ``LinkPolicy``).
    public let weight: Double
    /// Active or common.
    public let status: Status
    /// The event time of the sighting that caused this event.
    public let ts: Int64

    /// Creates a link event; `members` are sorted by merchant id.
    public init(identifier: IdentifierKey, members: [LinkMember], weight: Double, status: Status, ts: Int64) {
        self.identifier = identifier
        self.members = members.sorted()
        self.weight = status == .common ? 0 : weight
        self.status = status
        self.ts = ts
    }

    /// The merchant ids, sorted.
    public var merchantIDs: [String] { members.map(\.merchantID) }
}
