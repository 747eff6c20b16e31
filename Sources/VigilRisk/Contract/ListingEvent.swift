/// A listing created, updated or delisted, from `marketplace.listings`.
///
/// Field names follow the wire contract in snake_case (`listing_id` ↔ ``listingID``).
public struct ListingEvent: ContractEvent {
    /// Always ``EventKind/listing``.
    public static var kind: EventKind { .listing }

    /// `event_id`.
    public var eventID: String
    /// `merchant_id`.
    public var merchantID: String
    /// `ts`, epoch milliseconds.
    public var ts: Int64
    /// `listing_id`.
    public var listingID: String
    /// `action`.
    public var action: ListingAction
    /// `title`, any Unicode, kept exactly as sent.
    public var title: String
    /// `brand` the listing claims or mentions; `nil` when the message says `null`.
    public var brand: String?
    /// `category`, e.g. `"watches"`.
    public var category: String
    /// `price` in ``currency`` units, > 0.
    public var price: Double
    /// `currency`, an ISO 4217 code.
    public var currency: String
    /// `stock`, units on offer, >= 0.
    public var stock: Int
    /// `image_text_prices`: prices read by OCR from the images (may be empty).
    public var imageTextPrices: [Double]
    /// `logos` detected in the images (may be empty).
    public var logos: [String]
    /// `image_hashes`: perceptual hashes of the images (may be empty).
    public var imageHashes: [String]
    /// `seller`: the storefront snapshot.
    public var seller: SellerSnapshot

    /// Creates a listing event; values are taken as given (validation happens in ``ContractDecoder``).
    public init(
        eventID: String, merchantID: String, ts: Int64, listingID: String, action: ListingAction,
        title: String, brand: String?, category: String, price: Double, currency: String, stock: Int,
        imageTextPrices: [Double], logos: [String], imageHashes: [String], seller: SellerSnapshot
    ) {
        self.eventID = eventID
        self.merchantID = merchantID
        self.ts = ts
        self.listingID = listingID
        self.action = action
        self.title = title
        self.brand = brand
        self.category = category
        self.price = price
        self.currency = currency
        self.stock = stock
        self.imageTextPrices = imageTextPrices
        self.logos = logos
        self.imageHashes = imageHashes
        self.seller = seller
    }
}
