/// The kind of identifier that links merchants in a lead: an open set of stable snake_case names.
public struct LeadLinkKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The wire name, e.g. `"device_id"`.
    public var rawValue: String

    /// Wraps a wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A shared `seller.device_id`.
    public static let deviceID = LeadLinkKind(rawValue: "device_id")
    /// A shared `seller.wifi_bssid`.
    public static let wifiBSSID = LeadLinkKind(rawValue: "wifi_bssid")
    /// A shared `ip`.
    public static let ip = LeadLinkKind(rawValue: "ip")
    /// A shared `payout_account`.
    public static let payoutAccount = LeadLinkKind(rawValue: "payout_account")
    /// A shared `return_address_hash`.
    public static let returnAddress = LeadLinkKind(rawValue: "return_address")
    /// A shared `ship_from.address_hash`.
    public static let shipFromAddress = LeadLinkKind(rawValue: "ship_from_address")
    /// A shared perceptual image hash.
    public static let imageHash = LeadLinkKind(rawValue: "image_hash")

    /// The wire name.
    public var description: String { rawValue }

    /// Decodes from a plain JSON string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes as a plain JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
