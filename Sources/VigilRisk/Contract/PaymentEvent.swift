/// A charge, refund or chargeback, from `marketplace.payments`.
public struct PaymentEvent: ContractEvent {
    /// Always ``EventKind/payment``.
    public static var kind: EventKind { .payment }

    /// `event_id`.
    public var eventID: String
    /// `merchant_id`: the merchant being paid.
    public var merchantID: String
    /// `ts`, epoch milliseconds.
    public var ts: Int64
    /// `payment_id`.
    public var paymentID: String
    /// `order_id`.
    public var orderID: String
    /// `listing_id`.
    public var listingID: String
    /// `buyer_id`.
    public var buyerID: String
    /// `kind` of money movement.
    public var kind: PaymentKind
    /// `amount` in ``currency`` units, > 0.
    public var amount: Double
    /// `currency`, an ISO 4217 code.
    public var currency: String
    /// `payout_account`: the merchant's receiving account.
    public var payoutAccount: String
    /// `buyer_account`.
    public var buyerAccount: String

    /// Creates a payment event; values are taken as given (validation happens in ``ContractDecoder``).
    public init(
        eventID: String, merchantID: String, ts: Int64, paymentID: String, orderID: String, listingID: String,
        buyerID: String, kind: PaymentKind, amount: Double, currency: String, payoutAccount: String, buyerAccount: String
    ) {
        self.eventID = eventID
        self.merchantID = merchantID
        self.ts = ts
        self.paymentID = paymentID
        self.orderID = orderID
        self.listingID = listingID
        self.buyerID = buyerID
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.payoutAccount = payoutAccount
        self.buyerAccount = buyerAccount
    }

    /// `kind` of a payment event.
    public enum PaymentKind: String, Sendable, Hashable, CaseIterable, Codable {
        /// Money from the buyer to the merchant.
        case charge
        /// Money returned to the buyer by the merchant.
        case refund
        /// Money clawed back through the buyer's bank.
        case chargeback
    }
}
