import VigilRisk

/// What a simulated merchant really is, for ``GroundTruth``.
///
/// JSON (snake_case): `{"merchant_id", "label", "population", "ring_id", "site_id",
/// "first_listing_ts", "listings", "counterfeit_listings"}`; `ring_id`/`site_id` are `null`
/// when not applicable; `owner_id`, `warehouse_id` and `adaptive` appear only when set.
public struct MerchantTruth: Sendable, Hashable, Codable {
    /// The merchant's id.
    public var merchantID: String
    /// `"counterfeit"` or `"honest"`.
    public var label: Label
    /// Which population generated it.
    public var population: PopulationKind
    /// The ring it belongs to (`ring-01`, …), for ring members.
    public var ringID: String?
    /// The co-working site it shares Wi-Fi and IP with (`site-01`, …), for co-working shops.
    public var siteID: String?
    /// The multi-shop owner (`owner-01`, …) running it, for multi-shop owners' shops; the key
    /// is left out of the JSON when there is none.
    public var ownerID: String?
    /// The fulfilment warehouse (`wh-01`, …) it ships from, for fulfilment clients; left out
    /// of the JSON when there is none.
    public var warehouseID: String?
    /// `true` for an adaptive counterfeiter; left out of the JSON (`nil`) otherwise.
    public var adaptive: Bool?
    /// Event time of its first listing `create`, epoch ms (start of time-to-intercept).
    public var firstListingTS: Int64
    /// Listings it creates during the simulation.
    public var listings: Int
    /// Of which counterfeit.
    public var counterfeitListings: Int

    /// The ground-truth label of a merchant.
    public enum Label: String, Sendable, Hashable, Codable {
        /// Sells counterfeits.
        case counterfeit
        /// Does not.
        case honest
    }

    /// Whether the merchant sells counterfeits.
    public var isCounterfeit: Bool { label == .counterfeit }

    /// Creates a merchant's truth.
    public init(merchantID: String, label: Label, population: PopulationKind, ringID: String?, siteID: String?,
                ownerID: String? = nil, warehouseID: String? = nil, adaptive: Bool? = nil,
                firstListingTS: Int64, listings: Int, counterfeitListings: Int) {
        self.ownerID = ownerID
        self.warehouseID = warehouseID
        self.adaptive = adaptive
        self.merchantID = merchantID
        self.label = label
        self.population = population
        self.ringID = ringID
        self.siteID = siteID
        self.firstListingTS = firstListingTS
        self.listings = listings
        self.counterfeitListings = counterfeitListings
    }

    private enum CodingKeys: String, CodingKey {
        case merchantID = "merchant_id", label, population, ringID = "ring_id", siteID = "site_id"
        case ownerID = "owner_id", warehouseID = "warehouse_id", adaptive
        case firstListingTS = "first_listing_ts", listings, counterfeitListings = "counterfeit_listings"
    }

    /// Writes every field, `null` included for a missing ring or site.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(merchantID, forKey: .merchantID)
        try container.encode(label, forKey: .label)
        try container.encode(population, forKey: .population)
        try container.encode(ringID, forKey: .ringID)
        try container.encode(siteID, forKey: .siteID)
        try container.encodeIfPresent(ownerID, forKey: .ownerID)
        try container.encodeIfPresent(warehouseID, forKey: .warehouseID)
        try container.encodeIfPresent(adaptive, forKey: .adaptive)
        try container.encode(firstListingTS, forKey: .firstListingTS)
        try container.encode(listings, forKey: .listings)
        try container.encode(counterfeitListings, forKey: .counterfeitListings)
    }
}
