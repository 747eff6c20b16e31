/// All ring stages in one value, for a single-process engine, replays and
/// tests: ``IdentifierIndex`` → ``RingTracker`` → ``LeadBuilder``, with a
/// ``ShipFromLedger``. In the streaming topology these run as separate
/// stages (identifier-keyed, then the ring stage); this type only wires
/// their inputs and outputs the same way.
public struct RingDetector: Sendable {
    /// The identifier stage.
    public private(set) var index: IdentifierIndex
    /// The ring stage.
    public var tracker: RingTracker
    /// Ship-from counts.
    public var shipFrom: ShipFromLedger
    /// The lead stage.
    public private(set) var leads: LeadBuilder

    /// Creates a detector from the settings of each stage (documented defaults).
    public init(linkPolicy: LinkPolicy = .default, trackerConfiguration: RingTrackerConfiguration = RingTrackerConfiguration(), leadPolicy: LeadPolicy = LeadPolicy()) {
        index = IdentifierIndex(policy: linkPolicy)
        tracker = RingTracker(configuration: trackerConfiguration)
        shipFrom = ShipFromLedger()
        leads = LeadBuilder(policy: leadPolicy)
    }

    /// Records a sighting and applies the link event it causes, if any.
    @discardableResult
    public mutating func observe(_ sighting: IdentifierSighting) -> LinkEvent? {
        guard let event = index.record(sighting) else { return nil }
        tracker.apply(event)
        return event
    }

    /// Records a shipment and, when it has an address hash, the ship-from
    /// address as an identifier.
    public mutating func observeShipment(merchantID: String, eventID: String, ts: Int64, location: ShipFromLocation, addressHash: String?) {
        shipFrom.record(merchantID: merchantID, location: location)
        if let addressHash {
            observe(IdentifierSighting(kind: .shipFromAddress, rawValue: addressHash, merchantID: merchantID, eventID: eventID, ts: ts))
        }
    }

    /// Passes a merchant's latest score and decision to the tracker.
    public mutating func updateMerchantRisk(merchantID: String, score: Int, intercepted: Bool, evidence: [LeadEvidence] = []) {
        tracker.updateMerchantRisk(merchantID: merchantID, score: score, intercepted: intercepted, evidence: evidence)
    }

    /// The leads that are new or changed since the last call, by ring id.
    public mutating func drainLeads(now: Int64) -> [Lead] {
        drain(now: now).leads
    }

    /// Everything that changed since the last call: the leads that are new or changed, by ring
    /// id, the ids of rings that no longer exist (``RingChanges/retired``), and the merchants
    /// whose ring features may have changed (``RingChanges/merchants``).
    public mutating func drain(now: Int64) -> (leads: [Lead], retired: [String], merchants: [String]) {
        let changes = tracker.takeChanges()
        for id in changes.retired { leads.forget(ringID: id) }
        var out: [Lead] = []
        for id in changes.updated {
            guard let ring = tracker.ring(id) else { continue }
            let districts = shipFrom.ranked(merchants: ring.merchants)
            if let lead = leads.evaluate(ring, shipFrom: districts, now: now) { out.append(lead) }
        }
        return (out, changes.retired, changes.merchants)
    }
}
