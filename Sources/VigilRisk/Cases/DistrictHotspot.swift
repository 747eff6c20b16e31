/// Shipments of all stored rings from one district: one feature of the
/// hotspot map (see ``CaseStore/exportGeoJSON()``).
public struct DistrictHotspot: Sendable, Hashable {
    /// The province.
    public let province: String
    /// The city.
    public let city: String
    /// The district.
    public let district: String
    /// Shipments from the district, summed over the latest snapshot of every ring.
    public let count: Int
    /// The rings shipping from it, sorted.
    public let ringIDs: [String]

    /// Creates a hotspot.
    public init(province: String, city: String, district: String, count: Int, ringIDs: [String]) {
        self.province = province
        self.city = city
        self.district = district
        self.count = count
        self.ringIDs = ringIDs
    }
}
