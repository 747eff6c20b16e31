/// One observation that a merchant used an identifier, taken from an input
/// event (a listing's device, Wi-Fi and IP, a payment's payout account, a
/// shipment's addresses, a listing's image hashes).
public struct IdentifierSighting: Sendable, Hashable {
    /// The identifier seen.
    public let identifier: IdentifierKey
    /// The merchant that used it.
    public let merchantID: String
    /// The `event_id` of the input event it was seen in (kept as evidence).
    public let eventID: String
    /// The event time, Unix epoch milliseconds.
    public let ts: Int64
    /// Whether the identifier is a brand's own imagery: a photo in a listing of the brand's
    /// authorised seller. Such an identifier links nobody (see ``IdentifierIndex/record(_:)``).
    public let official: Bool

    /// Creates a sighting of an already hashed identifier.
    public init(identifier: IdentifierKey, merchantID: String, eventID: String, ts: Int64, official: Bool = false) {
        self.identifier = identifier
        self.merchantID = merchantID
        self.eventID = eventID
        self.ts = ts
        self.official = official
    }

    /// Creates a sighting from a raw identifier, hashing it with ``IdentifierHasher``.
    public init(kind: IdentifierKind, rawValue: String, merchantID: String, eventID: String, ts: Int64, official: Bool = false) {
        self.init(identifier: IdentifierKey(kind: kind, rawValue: rawValue), merchantID: merchantID, eventID: eventID, ts: ts, official: official)
    }
}
