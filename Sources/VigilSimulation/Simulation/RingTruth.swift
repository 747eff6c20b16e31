import VigilRisk

/// A simulated counterfeit ring, for ``GroundTruth``.
///
/// JSON: `{"ring_id", "merchants", "brands", "districts"}`; districts read
/// `"Province/City/District"`.
public struct RingTruth: Sendable, Hashable, Codable {
    /// `ring-01`, `ring-02`, …
    public var ringID: String
    /// Its shops, sorted.
    public var merchants: [String]
    /// Brands it counterfeits.
    public var brands: [String]
    /// Production districts it ships from, `"Province/City/District"`.
    public var districts: [String]

    /// Creates a ring's truth.
    public init(ringID: String, merchants: [String], brands: [String], districts: [String]) {
        self.ringID = ringID
        self.merchants = merchants
        self.brands = brands
        self.districts = districts
    }

    private enum CodingKeys: String, CodingKey {
        case ringID = "ring_id", merchants, brands, districts
    }
}
