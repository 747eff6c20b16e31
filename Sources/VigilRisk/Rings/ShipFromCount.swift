/// How many shipments left one district: a lead's
/// `ship_from` entry `{province, city, district, count}`.
public struct ShipFromCount: Sendable, Hashable, Codable {
    /// The province.
    public let province: String
    /// The city.
    public let city: String
    /// The district.
    public let district: String
    /// Shipments counted.
    public let count: Int

    /// Creates a count.
    public init(province: String, city: String, district: String, count: Int) {
        self.province = province
        self.city = city
        self.district = district
        self.count = count
    }

    /// Creates a count for `location`.
    public init(location: ShipFromLocation, count: Int) {
        self.init(province: location.province, city: location.city, district: location.district, count: count)
    }

    /// The location counted.
    public var location: ShipFromLocation { ShipFromLocation(province: province, city: city, district: district) }

    /// Ranks counts: most shipments first, then by province, city, district.
    public static func ranked(_ counts: [ShipFromCount]) -> [ShipFromCount] {
        counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.location < $1.location }
    }
}
