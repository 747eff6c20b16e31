/// The kinds of identifier that shops can share and that betray a ring.
///
/// The raw value is Vigil's own name for the kind, not a wire name: it is hashed into every
/// identifier's value hash (``IdentifierHasher/hash(kind:rawValue:)``), written in the ring
/// stage's checkpoints and internal messages, and names the relational features
/// (`shared_<kind>_count`), so it never changes (the reference vectors pin it). A link in a lead
/// on `risk.leads` names its kind with the contract's ``LeadLinkKind`` instead
/// (``LeadLinkKind/init(_:)``): `device_id` for ``device``, `wifi_bssid` for ``wifi``, the same
/// name for the others.
///
/// Counterfeiters open many shops under borrowed identities, but they keep
/// working from the same phones, networks, bank accounts, warehouses and
/// product photos; each case names one such resource.
public enum IdentifierKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A device id reported by the storefront app (`seller.device_id`).
    case device
    /// A Wi-Fi access point (`seller.wifi_bssid`).
    case wifi
    /// An IP address (`seller.ip`).
    case ip
    /// The merchant's receiving account of a payment (`payout_account`).
    case payoutAccount = "payout_account"
    /// The hashed return address of a shipment (`return_address_hash`).
    case returnAddress = "return_address"
    /// The hashed ship-from address of a shipment (`ship_from.address_hash`).
    case shipFromAddress = "ship_from_address"
    /// A perceptual hash of a listing photo (`image_hashes`).
    case imageHash = "image_hash"

    /// A fixed order used to sort links and evidence: strongest kinds first.
    public var sortRank: Int {
        switch self {
        case .payoutAccount: 0
        case .device: 1
        case .imageHash: 2
        case .returnAddress: 3
        case .shipFromAddress: 4
        case .wifi: 5
        case .ip: 6
        }
    }

    /// The reason code used in ring evidence for a merchant seen on a shared identifier of this
    /// kind: `shared_` and the contract's link kind (``LeadLinkKind``), e.g. `shared_payout_account`,
    /// `shared_device_id`, so a lead's evidence names the kind as its links do. The contract
    /// fixes only the field (`reason_code`), not these codes; leads before this used the raw
    /// value (`shared_device`, `shared_wifi`), which the case store maps to these codes when it
    /// reads a stored case.
    public var sharedReasonCode: String { "shared_\(LeadLinkKind(self).rawValue)" }

    /// Orders kinds by ``sortRank`` (strongest first).
    public static func < (lhs: IdentifierKind, rhs: IdentifierKind) -> Bool {
        lhs.sortRank < rhs.sortRank
    }
}
