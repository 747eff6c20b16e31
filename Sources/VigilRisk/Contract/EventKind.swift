/// The four kinds of input event, one per upstream topic (`marketplace.listings`, …).
public enum EventKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A listing created, updated or delisted (`marketplace.listings`).
    case listing
    /// A buyer's review (`marketplace.reviews`).
    case review
    /// A charge, refund or chargeback (`marketplace.payments`).
    case payment
    /// A shipment's status change (`marketplace.logistics`).
    case logistics
}
