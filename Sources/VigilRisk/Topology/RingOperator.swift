import Foundation
import VigilEngine

/// The ring stage (`type: counterfeit.rings`): links, merchant risk and shipments arrive on one
/// single-partition topic, so one instance holds the whole merchant graph (its limit: memory per
/// linked identifier, measured in BENCHMARKS.md). It keeps rings as connected components
/// (``RingTracker``), publishes leads to `risk.leads` (sink `leads`) when a ring's combined risk
/// passes the lead threshold, stores them in the case store, and sends every member of a changed
/// ring its ring features (sink `ring-features`).
struct RingOperatorFactory: OperatorFactory {
    let context: RiskContext

    func makeProcessor() -> any KeyedProcessor { RingProcessor(context: context) }
}

final class RingProcessor: KeyedProcessor {
    private let context: RiskContext
    private var detector = RingDetector()
    /// The latest message per identifier / merchant, replayed on restore (a link carries its full member list).
    private var latestLinks: [String: RingInputMessage] = [:]
    private var latestRisk: [String: RingInputMessage] = [:]
    private var shipments: [RingInputMessage] = []

    init(context: RiskContext) { self.context = context }

    var keyCount: Int { latestLinks.isEmpty && latestRisk.isEmpty ? 0 : 1 }

    func process(_ record: SourceRecord, context processing: inout ProcessingContext) throws {
        guard let message = record.payload as? RingInputMessage else {
            throw DecodeError("counterfeit.rings expects ring input messages, got \(type(of: record.payload))")
        }
        apply(message)
        for lead in detector.drainLeads(now: message.ts) {
            processing.emit(OutputRecord(sink: "leads", key: lead.ringID, value: InternalCodec.encode(Self.contractLead(lead))))
            if let cases = context.cases { _ = try? cases.upsert(lead) }
            self.context.countLead()
            for merchant in lead.merchants {
                let features = RingFeaturesMessage(merchantID: merchant, ts: message.ts, features: detector.tracker.features(for: merchant))
                processing.emit(OutputRecord(sink: "ring-features", key: merchant, value: InternalCodec.encode(features)))
            }
        }
    }

    private func apply(_ message: RingInputMessage) {
        switch message.kind {
        case .link:
            guard let kind = message.identifierKind, let valueHash = message.valueHash, let hash = UInt64(valueHash, radix: 16) else { return }
            latestLinks["\(kind.rawValue):\(valueHash)"] = message
            let members = (message.members ?? []).compactMap { pair in pair.count == 2 ? LinkMember(merchantID: pair[0], eventID: pair[1]) : nil }
            detector.tracker.apply(LinkEvent(identifier: IdentifierKey(kind: kind, hash: hash), members: members, weight: message.weight ?? 0, status: message.common == true ? .common : .active, ts: message.ts))
        case .risk:
            guard let merchant = message.merchantID else { return }
            latestRisk[merchant] = message
            detector.updateMerchantRisk(merchantID: merchant, score: message.score ?? 0, intercepted: message.intercepted ?? false, evidence: message.evidence ?? [])
        case .shipment:
            guard let merchant = message.merchantID, let location = message.location else { return }
            shipments.append(message)
            detector.shipFrom.record(merchantID: merchant, location: location)
        }
    }

    /// The contract's lead shape for a ring snapshot.
    static func contractLead(_ snapshot: RingSnapshot) -> Lead {
        Lead(
            ringID: snapshot.ringID,
            merchants: snapshot.merchants,
            links: snapshot.links.map { LeadLink(kind: LeadLinkKind(rawValue: $0.kind.rawValue), valueHash: $0.valueHash, merchants: $0.merchants) },
            shipFrom: snapshot.shipFrom.map { LeadShipFrom(province: $0.province, city: $0.city, district: $0.district, count: $0.count) },
            score: snapshot.score,
            evidence: snapshot.evidence.map { LeadEvidence(merchantID: $0.merchantID, eventID: $0.eventID, reasonCode: $0.reasonCode) },
            updatedAt: snapshot.updatedAt
        )
    }

    func snapshot() -> [(key: String, state: [UInt8])] {
        let all = Array(latestLinks.values.sorted { $0.ts < $1.ts }) + Array(latestRisk.values.sorted { $0.ts < $1.ts }) + shipments
        return all.isEmpty ? [] : [("ring", InternalCodec.encode(all))]
    }

    func restore(key: String, state: [UInt8]) throws {
        for message in try InternalCodec.decode([RingInputMessage].self, state) { apply(message) }
        _ = detector.drainLeads(now: 0)
    }

    func evictIdle(olderThan eventTime: Int64) -> Int { 0 }
}
