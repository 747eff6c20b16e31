/// A likely production or storage location of a ring: `{"province", "city", "district", "count"}`.
public struct LeadShipFrom: Sendable, Hashable, Codable {
    /// `province`.
    public var province: String
    /// `city`.
    public var city: String
    /// `district`.
    public var district: String
    /// `count`: shipments seen from there.
    public var count: Int

    /// Creates a location with its shipment count.
    public init(province: String, city: String, district: String, count: Int) {
        self.province = province
        self.city = city
        self.district = district
        self.count = count
    }
}
