import VigilRisk

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
    /// An honest reseller of genuine second-hand brand goods it is not authorised for: brand
    /// claimed and logos detected, 40–75 % of the reference price, used-condition wording,
    /// mostly its own photos (sometimes the brand's official one), an established store.
    case secondHandReseller = "second_hand_reseller"
    /// An honest brand-new store (0–30 days old, basic template, often unverified) with few
    /// orders, so its rates rest on one to three events.
    case newStore = "new_store"
    /// One of the two or three honest shops of one owner, run from one device (and sometimes
    /// one payout account): a small honest "ring".
    case multiShopOwner = "multi_shop_owner"
    /// An honest shop whose parcels leave a fulfilment warehouse shared by dozens to hundreds
    /// of shops (same ship-from address, sometimes the same return address).
    case fulfilmentClient = "fulfilment_client"
    /// A counterfeit shop working alone: its own identifiers, not linked to any ring.
    case soloCounterfeiter = "solo_counterfeiter"

    /// Whether merchants of this population sell counterfeits.
    public var isCounterfeit: Bool { self == .ringMember || self == .soloCounterfeiter }
}
