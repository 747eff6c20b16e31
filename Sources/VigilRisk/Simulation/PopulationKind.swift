/// The population a simulated merchant belongs to.
public enum PopulationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An ordinary honest shop: own devices and addresses, unbranded goods at normal prices.
    case honest
    /// An honest shop working from a co-working space: it shares Wi-Fi, public IP and a
    /// carrier hub's ship-from address with unrelated shops, and must not be taken for a ring.
    case coworking
    /// An authorised seller of one to three brands, at or near the reference price.
    case authorizedSeller = "authorized_seller"
    /// An authorised seller running an honest 30–50 % off sale: cheap, but not counterfeit.
    case discountSeller = "discount_seller"
    /// A shop of a counterfeit ring.
    case ringMember = "ring_member"

    /// Whether merchants of this population sell counterfeits.
    public var isCounterfeit: Bool { self == .ringMember }
}
