/// A GeoJSON `FeatureCollection` (RFC 7946) of district hotspots.
///
/// Every feature has `"geometry": null`: leads carry province, city and
/// district names but no coordinates, and RFC 7946 §3.2 allows unlocated
/// features. Mapping tools join the properties `province`, `city` and
/// `district` to their own district boundaries. Properties: `province`,
/// `city`, `district`, `count` (shipments), `rings` (number of rings) and
/// `ring_ids`.
public struct HotspotFeatureCollection: Sendable, Hashable, Encodable {
    /// The hotspots, most shipments first.
    public let hotspots: [DistrictHotspot]

    /// Creates a collection.
    public init(hotspots: [DistrictHotspot]) {
        self.hotspots = hotspots
    }

    private enum Keys: String, CodingKey {
        case type, features, geometry, properties
        case province, city, district, count, rings
        case ringIDs = "ring_ids"
    }

    /// Encodes as GeoJSON.
    public func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: Keys.self)
        try root.encode("FeatureCollection", forKey: .type)
        var features = root.nestedUnkeyedContainer(forKey: .features)
        for hotspot in hotspots {
            var feature = features.nestedContainer(keyedBy: Keys.self)
            try feature.encode("Feature", forKey: .type)
            try feature.encodeNil(forKey: .geometry)
            var properties = feature.nestedContainer(keyedBy: Keys.self, forKey: .properties)
            try properties.encode(hotspot.province, forKey: .province)
            try properties.encode(hotspot.city, forKey: .city)
            try properties.encode(hotspot.district, forKey: .district)
            try properties.encode(hotspot.count, forKey: .count)
            try properties.encode(hotspot.ringIDs.count, forKey: .rings)
            try properties.encode(hotspot.ringIDs, forKey: .ringIDs)
        }
    }
}
