import Foundation

/// The rule that turns a shared identifier into a link weight.
///
/// ## The rule
/// For an identifier of kind `k` shared by `n` distinct merchants:
///
/// - `n < 2`: no link (nothing is shared).
/// - `2 <= n <= commonCap(k)`: every pair of its merchants gets
///   `weight = strength(k) * log2(3) / log2(1 + n)`, i.e. `strength(k)` for a
///   pair and less as the crowd grows (n = 4 → 0.68×, n = 8 → 0.5×,
///   n = 20 → 0.36×). The more shops share a thing, the less each pair says.
/// - `n > commonCap(k)`: the identifier is *common* (a mall's public Wi-Fi,
///   a carrier hub's ship-from address, a co-working IP, a brand's stock
///   photo) and carries weight 0; links it made before are withdrawn. Once
///   common, an identifier stays common.
///
/// The ``RingTracker`` adds the weights of all identifiers two merchants
/// share and links them when the sum reaches its threshold (1.0 by
/// default). So a payout account links on its own up to about 26 shops, a
/// device up to 4, a return address 2; photos, ship-from addresses, Wi-Fi
/// and IP never link on their own, only together.
///
/// ## Defaults (cap, strength) and why
/// | kind | cap | strength | reasoning |
/// | --- | --- | --- | --- |
/// | payout_account | 50 | 3.0 | the money goes there; only payment agencies serve more shops |
/// | device | 20 | 1.5 | a phone is personal; shop-building agencies or emulators with default ids reach 20+ |
/// | image_hash | 30 | 0.7 | not on its own: counterfeiters copy photos from the genuine shops they imitate, and brand stock photos are reused widely; with a shared network or address it links |
/// | return_address | 15 | 1.2 | returns go home; fulfilment centres serve many shops |
/// | ship_from_address | 10 | 0.8 | a warehouse is telling, but carrier hubs and 3PLs ship for many |
/// | wifi | 8 | 0.5 | a mall's, café's or co-working space's public Wi-Fi joins strangers |
/// | ip | 8 | 0.4 | carrier-grade NAT and co-working offices put many people behind one IP |
public struct LinkPolicy: Sendable, Hashable {
    /// The policy of each kind; every kind has one.
    public var kinds: [IdentifierKind: KindPolicy]

    /// Creates a policy; kinds missing from `overrides` take ``default``'s values.
    public init(overrides: [IdentifierKind: KindPolicy] = [:]) {
        var kinds = LinkPolicy.defaultKinds
        for (kind, policy) in overrides { kinds[kind] = policy }
        self.kinds = kinds
    }

    /// The documented defaults (see the table above).
    public static let `default` = LinkPolicy()

    /// The default policy per kind.
    public static let defaultKinds: [IdentifierKind: KindPolicy] = [
        .payoutAccount: KindPolicy(commonCap: 50, strength: 3.0),
        .device: KindPolicy(commonCap: 20, strength: 1.5),
        .imageHash: KindPolicy(commonCap: 30, strength: 0.7),
        .returnAddress: KindPolicy(commonCap: 15, strength: 1.2),
        .shipFromAddress: KindPolicy(commonCap: 10, strength: 0.8),
        .wifi: KindPolicy(commonCap: 8, strength: 0.5),
        .ip: KindPolicy(commonCap: 8, strength: 0.4),
    ]

    /// The policy of `kind`.
    public func policy(for kind: IdentifierKind) -> KindPolicy {
        kinds[kind] ?? LinkPolicy.defaultKinds[kind]!
    }

    /// The most merchants an identifier of `kind` may have before it is common.
    public func commonCap(for kind: IdentifierKind) -> Int { policy(for: kind).commonCap }

    /// The pair weight of an identifier of `kind` shared by `merchantCount`
    /// merchants: 0 below 2 and above the cap, else
    /// `strength * log2(3) / log2(1 + merchantCount)`.
    public func weight(kind: IdentifierKind, merchantCount: Int) -> Double {
        let policy = policy(for: kind)
        guard merchantCount >= 2, merchantCount <= policy.commonCap else { return 0 }
        return policy.strength * log2(3.0) / log2(1.0 + Double(merchantCount))
    }
}
