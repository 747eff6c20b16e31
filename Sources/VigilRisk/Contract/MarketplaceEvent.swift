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

    /// The wrapped event as an existential (boxes it; prefer the typed accessors on hot paths).
    public var event: any ContractEvent {
        switch self {
        case .listing(let event): event
        case .review(let event): event
        case .payment(let event): event
        case .logistics(let event): event
        }
    }

    /// `event_id` of the wrapped event.
    public var eventID: String {
        switch self {
        case .listing(let event): event.eventID
        case .review(let event): event.eventID
        case .payment(let event): event.eventID
        case .logistics(let event): event.eventID
        }
    }

    /// `merchant_id` of the wrapped event.
    public var merchantID: String {
        switch self {
        case .listing(let event): event.merchantID
        case .review(let event): event.merchantID
        case .payment(let event): event.merchantID
        case .logistics(let event): event.merchantID
        }
    }

    /// `ts` of the wrapped event, epoch milliseconds.
    public var ts: Int64 {
        switch self {
        case .listing(let event): event.ts
        case .review(let event): event.ts
        case .payment(let event): event.ts
        case .logistics(let event): event.ts
        }
    }
}
