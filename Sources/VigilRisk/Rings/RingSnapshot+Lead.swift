extension RingSnapshot {
    /// The snapshot in the contract's lead shape (`risk.leads`): link kinds carry their wire
    /// names, evidence its `{merchant_id, event_id, reason_code}` triples.
    public var lead: Lead {
        Lead(
            ringID: ringID,
            merchants: merchants,
            links: links.map { LeadLink(kind: LeadLinkKind(rawValue: $0.kind.rawValue), valueHash: $0.valueHash, merchants: $0.merchants) },
            shipFrom: shipFrom,
            score: score,
            evidence: evidence.map { LeadEvidence(merchantID: $0.merchantID, eventID: $0.eventID, reasonCode: $0.reasonCode) },
            updatedAt: updatedAt
        )
    }
}
