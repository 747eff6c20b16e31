/// A listing as the ``CaseStore`` keeps it for investigators: the latest title and brand seen on
/// `marketplace.listings` (see ``CaseStore/recordListings(_:)``). Titles are merchant-written
/// and may hold any Unicode or markup: escape them before showing them.
public struct StoredListing: Sendable, Hashable {
    /// `listing_id`.
    public let listingID: String
    /// `merchant_id`.
    public let merchantID: String
    /// The latest `title`.
    public let title: String
    /// The latest `brand`, if any.
    public let brand: String?
    /// The latest `category`.
    public let category: String
    /// `ts` of the latest listing event, epoch ms.
    public let updatedAt: Int64

    /// Creates a stored listing.
    public init(listingID: String, merchantID: String, title: String, brand: String?, category: String, updatedAt: Int64) {
        self.listingID = listingID
        self.merchantID = merchantID
        self.title = title
        self.brand = brand
        self.category = category
        self.updatedAt = updatedAt
    }

    /// The latest state of `event`'s listing.
    public init(_ event: ListingEvent) {
        self.init(listingID: event.listingID, merchantID: event.merchantID, title: event.title, brand: event.brand, category: event.category, updatedAt: event.ts)
    }
}
