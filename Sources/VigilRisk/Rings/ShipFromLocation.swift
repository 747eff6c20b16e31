/// A district shipments leave from: `ship_from.province/city/district`.
public struct ShipFromLocation: Sendable, Hashable, Codable, Comparable {
    /// The province.
    public let province: String
    /// The city.
    public let city: String
    /// The district.
    public let district: String

    /// Creates a location.
    public init(province: String, city: String, district: String) {
        self.province = province
        self.city = city
        self.district = district
    }

    /// Orders by province, city, then district.
    public static func < (lhs: ShipFromLocation, rhs: ShipFromLocation) -> Bool {
        (lhs.province, lhs.city, lhs.district) < (rhs.province, rhs.city, rhs.district)
    }
}
