/// Turns rings into ``Lead``s (the contract's `risk.leads` shape) when their risk warrants an
/// investigation, and re-emits only when something an investigator cares
/// about changed.
///
/// A ring is emitted when it has at least ``LeadPolicy/minimumMembers``
/// members and its score (``RingScoreFormula``) is at least
/// ``LeadPolicy/threshold``, and at least ``LeadPolicy/minimumSuspects`` of
/// its members are suspects (intercepted, scoring ``LeadPolicy/suspectScore``,
/// or reported with one of ``LeadPolicy/suspectReasons``). Once emitted, it is emitted again only when its
/// members, its links, its score or its ship-from counts change; new
/// evidence alone does not re-emit (it rides along with the next change).
/// So the last lead of a ring reflects everything its inputs said, in
/// whatever order they arrived.
/// A ring that falls below the threshold is not withdrawn: the last lead
/// stands, and the ring is emitted again when it next changes while above
/// the threshold.
public struct LeadBuilder: Sendable {
    private struct Fingerprint: Hashable, Sendable {
        let merchants: [String]
        let links: [LeadLink]
        let score: Int
        let shipFrom: [ShipFromCount]
    }

    /// The policy.
    public let policy: LeadPolicy
    private var emitted: [String: Fingerprint] = [:]

    /// Creates a builder that has emitted nothing yet.
    public init(policy: LeadPolicy = LeadPolicy()) {
        self.policy = policy
    }

    /// The score `ring` would get.
    public func score(_ ring: RingState) -> Int { policy.formula.score(ring) }

    /// A snapshot of `ring` if it is a lead that is new or changed; `nil`
    /// otherwise. `shipFrom` is the ring's ranked districts (see
    /// ``ShipFromLedger/ranked(merchants:limit:)``); `now` is `updated_at`.
    public mutating func evaluate(_ ring: RingState, shipFrom: [ShipFromCount], now: Int64) -> Lead? {
        guard ring.merchants.count >= policy.minimumMembers else { return nil }
        let score = score(ring)
        guard score >= policy.threshold else { return nil }
        guard suspects(in: ring) >= policy.minimumSuspects else { return nil }
        let districts = Array(ShipFromCount.ranked(shipFrom).prefix(policy.maxShipFrom))
        let fingerprint = Fingerprint(merchants: ring.merchants, links: ring.links, score: score, shipFrom: districts)
        guard emitted[ring.ringID] != fingerprint else { return nil }
        emitted[ring.ringID] = fingerprint
        return Lead(
            ringID: ring.ringID,
            merchants: ring.merchants,
            links: ring.links,
            shipFrom: districts,
            score: score,
            evidence: Array(ring.evidence.prefix(policy.maxEvidence)),
            updatedAt: now
        )
    }

    /// The members of `ring` that are suspects (see ``LeadPolicy/minimumSuspects``), counted
    /// only up to the number the policy asks for.
    func suspects(in ring: RingState) -> Int {
        guard policy.minimumSuspects > 0 else { return 0 }
        var suspects = Set<String>()
        for (merchant, risk) in ring.risks where risk.intercepted || risk.score >= policy.suspectScore {
            suspects.insert(merchant)
            if suspects.count >= policy.minimumSuspects { return suspects.count }
        }
        for item in ring.evidence where policy.suspectReasons.contains(item.reasonCode) {
            suspects.insert(item.merchantID)
            if suspects.count >= policy.minimumSuspects { return suspects.count }
        }
        return suspects.count
    }

    /// Forgets a retired ring id (absorbed or dissolved), freeing its memory.
    public mutating func forget(ringID: String) {
        emitted[ringID] = nil
    }

    /// Whether a lead for `ringID` was emitted and not forgotten.
    public func hasEmitted(ringID: String) -> Bool { emitted[ringID] != nil }
}
