import VigilRisk

/// What a simulated listing really is, for ``GroundTruth``.
///
/// JSON: `{"listing_id", "merchant_id", "counterfeit", "brand"}` (`brand` may be `null`).
public struct ListingTruth: Sendable, Hashable, Codable {
    /// The listing's id.
    public var listingID: String
    /// Its merchant.
    public var merchantID: String
    /// Whether it offers counterfeit goods.
    public var counterfeit: Bool
    /// The brand it claims or mentions, if any.
    public var brand: String?

    /// Creates a listing's truth.
    public init(listingID: String, merchantID: String, counterfeit: Bool, brand: String?) {
        self.listingID = listingID
        self.merchantID = merchantID
        self.counterfeit = counterfeit
        self.brand = brand
    }

    private enum CodingKeys: String, CodingKey {
        case listingID = "listing_id", merchantID = "merchant_id", counterfeit, brand
    }

    /// Writes every field, `null` included for a listing without a brand.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(listingID, forKey: .listingID)
        try container.encode(merchantID, forKey: .merchantID)
        try container.encode(counterfeit, forKey: .counterfeit)
        try container.encode(brand, forKey: .brand)
    }
}
