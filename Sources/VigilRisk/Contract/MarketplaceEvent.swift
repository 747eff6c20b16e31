/// Any one of the four input events.
public enum MarketplaceEvent: Sendable, Hashable {
    /// From `marketplace.listings`.
    case listing(ListingEvent)
    /// From `marketplace.reviews`.
    case review(ReviewEvent)
    /// From `marketplace.payments`.
    case payment(PaymentEvent)
    /// From `marketplace.logistics`.
    case logistics(LogisticsEvent)

    /// Which kind of event this is.
    public var kind: EventKind {
        switch self {
        case .listing: .listing
        case .review: .review
        case .payment: .payment
        case .logistics: .logistics
        }
    }

    /// The wrapped event through its common fields.
    public var event: any ContractEvent {
        switch self {
        case .listing(let event): event
        case .review(let event): event
        case .payment(let event): event
        case .logistics(let event): event
        }
    }

    /// `event_id` of the wrapped event.
    public var eventID: String { event.eventID }
    /// `merchant_id` of the wrapped event.
    public var merchantID: String { event.merchantID }
    /// `ts` of the wrapped event, epoch milliseconds.
    public var ts: Int64 { event.ts }
}
