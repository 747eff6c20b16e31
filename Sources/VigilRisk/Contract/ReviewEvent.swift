/// A buyer's review of a listing, from `marketplace.reviews`.
public struct ReviewEvent: ContractEvent {
    /// Always ``EventKind/review``.
    public static var kind: EventKind { .review }

    /// `event_id`.
    public var eventID: String
    /// `merchant_id`: the reviewed merchant.
    public var merchantID: String
    /// `ts`, epoch milliseconds.
    public var ts: Int64
    /// `review_id`.
    public var reviewID: String
    /// `listing_id` of the reviewed listing.
    public var listingID: String
    /// `buyer_id`.
    public var buyerID: String
    /// `rating`, 1...5.
    public var rating: Int
    /// `text`, any Unicode.
    public var text: String
    /// `buyer_account_age_days` (the contract sets no range).
    public var buyerAccountAgeDays: Int
    /// `device_id` the review was written from.
    public var deviceID: String
    /// `ip` the review was written from.
    public var ip: String

    /// Creates a review event; values are taken as given (validation happens in ``ContractDecoder``).
    public init(
        eventID: String, merchantID: String, ts: Int64, reviewID: String, listingID: String, buyerID: String,
        rating: Int, text: String, buyerAccountAgeDays: Int, deviceID: String, ip: String
    ) {
        self.eventID = eventID
        self.merchantID = merchantID
        self.ts = ts
        self.reviewID = reviewID
        self.listingID = listingID
        self.buyerID = buyerID
        self.rating = rating
        self.text = text
        self.buyerAccountAgeDays = buyerAccountAgeDays
        self.deviceID = deviceID
        self.ip = ip
    }
}
