/// Counts shipments per merchant by ship-from district, and ranks the
/// districts of a ring: where its goods are made or stored.
///
/// Merchant-keyed: fed from `marketplace.logistics` events with status
/// `shipped`. The ledger counts what it is given; drop redelivered events
/// (same `event_id`) before recording, as the engine's dedupe stage does.
public struct ShipFromLedger: Sendable {
    private var counts: [String: [ShipFromLocation: Int]] = [:]

    /// Creates an empty ledger.
    public init() {}

    /// Adds `shipments` (default 1) shipped by `merchantID` from `location`.
    public mutating func record(merchantID: String, location: ShipFromLocation, shipments: Int = 1) {
        precondition(shipments >= 0, "ShipFromLedger.record: shipments must be >= 0 (got \(shipments))")
        counts[merchantID, default: [:]][location, default: 0] += shipments
    }

    /// Replaces everything known about `merchantID`'s shipments with `counts` (a merchant's
    /// cumulative counts per district, as the merchant stage reports them). Replaying the same
    /// report changes nothing, so redelivered reports are harmless.
    public mutating func replace(merchantID: String, with counts: [ShipFromCount]) {
        var table: [ShipFromLocation: Int] = [:]
        for count in counts where count.count > 0 { table[count.location, default: 0] += count.count }
        counts.isEmpty ? (self.counts[merchantID] = nil) : (self.counts[merchantID] = table)
    }

    /// The districts of one merchant, ranked (see ``ShipFromCount/ranked(_:)``).
    public func counts(for merchantID: String) -> [ShipFromCount] {
        ranked(merchants: [merchantID])
    }

    /// The districts of a group of merchants (a ring), counts added up,
    /// most shipments first; at most `limit` entries when given.
    public func ranked(merchants: some Sequence<String>, limit: Int? = nil) -> [ShipFromCount] {
        var total: [ShipFromLocation: Int] = [:]
        for merchant in Set(merchants) {
            for (location, count) in counts[merchant] ?? [:] { total[location, default: 0] += count }
        }
        let ranked = ShipFromCount.ranked(total.map { ShipFromCount(location: $0.key, count: $0.value) })
        guard let limit else { return ranked }
        return Array(ranked.prefix(max(0, limit)))
    }

    /// How many merchants have shipments recorded.
    public var merchantCount: Int { counts.count }
}
