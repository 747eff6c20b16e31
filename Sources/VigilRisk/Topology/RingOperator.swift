import Foundation
import VigilEngine

/// The ring stage (`type: counterfeit.rings`): links, merchant risk and shipments arrive on one
/// single-partition topic, so one instance holds the whole merchant graph (its limit: memory per
/// linked identifier, measured in BENCHMARKS.md). It keeps rings as connected components
/// (``RingTracker``), publishes leads to `risk.leads` (sink `leads`) when a ring's combined risk
/// passes the lead threshold, stores them in the case store, and sends each merchant whose ring
/// features changed its new features (sink `ring-features`), whether or not its ring is a lead.
///
/// Every input is a latest-state message (a link carries its full member list, a risk report the
/// merchant's current score, a shipment report the merchant's cumulative counts per district), so
/// redelivered or reordered messages converge to the same rings, features and leads.
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
    private var latestShipments: [String: RingInputMessage] = [:]
    /// The ring features last sent to each merchant, so unchanged features are not sent again.
    private var sentFeatures: [String: RingFeatures] = [:]
    /// The latest input time applied and not yet published (`nil` when nothing is pending).
    private var latestInputTime: Int64?

    init(context: RiskContext) { self.context = context }

    var keyCount: Int { latestLinks.isEmpty && latestRisk.isEmpty ? 0 : 1 }

    func process(_ record: SourceRecord, context processing: inout ProcessingContext) throws {
        guard let message = record.payload as? RingInputMessage else {
            // Changes of earlier records of the batch, if any, are published with the next record.
            throw DecodeError("counterfeit.rings expects ring input messages, got \(type(of: record.payload))")
        }
        apply(message)
        latestInputTime = max(latestInputTime ?? message.ts, message.ts)
        // Every input is latest state, so the rings, leads and features only need publishing once
        // the batch's last record for this stage is applied: a burst of risk reports from one
        // ring's members builds and publishes its lead once, not once per report.
        guard !processing.moreFollowInBatch, let now = latestInputTime else { return }
        latestInputTime = nil
        try publishChanges(now: now, into: &processing)
    }

    /// Publishes what changed since the last call: new or changed leads (to the sink and the
    /// case store), retired rings' cases, and the ring features of every merchant whose features
    /// changed. `now` is the latest input time applied since the last call.
    private func publishChanges(now: Int64, into processing: inout ProcessingContext) throws {
        let changes = detector.drain(now: now)
        for lead in changes.leads {
            let json = lead.encodedJSON()
            processing.emit(OutputRecord(sink: "leads", key: lead.ringID, value: json))
            if let cases = context.cases { _ = try? cases.upsert(lead, json: String(decoding: json, as: UTF8.self)) }
            self.context.countLead()
        }
        if let cases = context.cases {
            for ringID in changes.retired { closeCase(ringID, in: cases, at: now) }
        }
        for merchant in changes.merchants {
            let features = detector.tracker.features(for: merchant)
            guard sentFeatures[merchant] != features else { continue }
            // A merchant never told of a ring needs no message saying it is in none.
            if sentFeatures[merchant] == nil, features == .none { continue }
            sentFeatures[merchant] = features
            let message = RingFeaturesMessage(merchantID: merchant, ts: now, features: features)
            processing.emit(OutputRecord(sink: "ring-features", key: merchant, value: InternalCodec.encode(message)))
        }
    }

    /// Closes the case of a ring that no longer exists, saying where its members went.
    private func closeCase(_ ringID: String, in cases: CaseStore, at time: Int64) {
        guard let members = try? cases.members(of: ringID), let first = members.first else { return }
        let reason = detector.tracker.ringID(of: first).map { "merged into \($0)" } ?? "dissolved"
        _ = try? cases.close(ringID, reason: reason, at: time)
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
            guard let merchant = message.merchantID else { return }
            detector.tracker.touch(merchantID: merchant)
            if let counts = message.shipFrom {
                detector.shipFrom.replace(merchantID: merchant, with: counts)
                latestShipments[merchant] = message
            } else if let location = message.location {
                // One shipment (the message shape before cumulative reports): count it and keep the total.
                detector.shipFrom.record(merchantID: merchant, location: location)
                var total = message
                total.location = nil
                total.shipFrom = detector.shipFrom.counts(for: merchant)
                latestShipments[merchant] = total
            }
        }
    }

    func snapshot() -> [(key: String, state: [UInt8])] {
        let all = Array(latestLinks.values.sorted { $0.ts < $1.ts }) + Array(latestRisk.values.sorted { $0.ts < $1.ts })
            + Array(latestShipments.values.sorted { $0.ts < $1.ts })
        return all.isEmpty ? [] : [("ring", RingCheckpoint.encode(all))]
    }

    /// Replays the checkpointed messages (``RingCheckpoint``; older JSON checkpoints too). Outputs caused before a checkpoint were acknowledged
    /// before it was taken, so the features of every merchant replayed count as sent.
    func restore(key: String, state: [UInt8]) throws {
        for message in try RingCheckpoint.decode(state) { apply(message) }
        for merchant in detector.drain(now: 0).merchants {
            let features = detector.tracker.features(for: merchant)
            if features != .none { sentFeatures[merchant] = features }
        }
    }

    func evictIdle(olderThan eventTime: Int64) -> Int { 0 }
}
