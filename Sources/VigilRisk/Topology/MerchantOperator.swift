import Foundation
import VigilEngine
import VigilState

/// The merchant-keyed stage (`type: counterfeit.merchants`): one ``MerchantProfile`` per merchant,
/// updated by its listing, review, payment and logistics events in event time.
///
/// For every listing `create` or `update` it emits a listing verdict (sink `verdicts`), and a
/// merchant verdict whenever the merchant's decision changes (after any event, link or ring
/// update). It repartitions the identifiers it sees to the identifier stage (sink `identifiers`,
/// keyed by identifier hash), and reports merchant risk and shipments to the ring stage (sink
/// `ring`). A redelivered event (same `event_id`, remembered for the merchant's last 512 events)
/// changes nothing and emits nothing: its verdicts went out the first time.
///
/// Verdicts triggered by a link or ring update carry a synthetic `event_id`
/// (`link:<kind>:<value_hash>:<merchant_id>:<n>` or `ring:<ring_id>:<merchant_id>:<size>:<intercepted>`),
/// deterministic like every verdict id.
struct MerchantOperatorFactory: OperatorFactory {
    let context: RiskContext

    func makeProcessor() -> any KeyedProcessor { MerchantProcessor(context: context) }
}

final class MerchantProcessor: KeyedProcessor {
    /// Per-merchant bookkeeping beside the profile.
    struct Entry {
        var profile: MerchantProfile
        var recentEvents: [String] = []
        var recentSet: Set<String> = []
        var sentIdentifiers: Set<String> = []

        mutating func remember(_ eventID: String) -> Bool {
            guard recentSet.insert(eventID).inserted else { return false }
            recentEvents.append(eventID)
            if recentEvents.count > 512 { recentSet.remove(recentEvents.removeFirst()) }
            return true
        }
    }

    private let context: RiskContext
    private var merchants: [String: Entry] = [:]

    init(context: RiskContext) { self.context = context }

    var keyCount: Int { merchants.count }

    func process(_ record: SourceRecord, context processing: inout ProcessingContext) throws {
        let brands = context.brands
        var entry = merchants[record.key] ?? Entry(profile: MerchantProfile(merchantID: record.key))
        defer { merchants[record.key] = entry }
        switch record.payload {
        case let event as MarketplaceEvent:
            guard entry.remember(event.eventID) else { return }
            entry.profile.apply(event, brands: brands, isLate: record.isLate)
            emitSightings(event, entry: &entry, into: &processing)
            if case .listing(let listing) = event, listing.action != .delist {
                let features = entry.profile.features(listing: listing, brands: brands, asOf: max(record.eventTime, entry.profile.lastEventTime))
                let assessment = context.assessor.assessListing(features, listing: listing)
                emitVerdict(.listing(listing.listingID), merchantID: listing.merchantID, assessment: assessment, eventID: listing.eventID, eventTS: listing.ts, into: &processing)
                entry.profile.recordListingScore(assessment.score, at: listing.ts)
            }
            reassessMerchant(&entry, eventID: event.eventID, eventTS: event.ts, brands: brands, into: &processing)
        case let link as LinkNoticeMessage:
            entry.profile.applyLink(kind: link.kind, valueHash: link.valueHash, otherMerchants: link.otherMerchants)
            reassessMerchant(&entry, eventID: "link:\(link.kind.rawValue):\(link.valueHash):\(link.merchantID):\(link.otherMerchants)", eventTS: link.ts, brands: brands, into: &processing)
        case let ring as RingFeaturesMessage:
            entry.profile.applyRing(ring.features)
            reassessMerchant(&entry, eventID: "ring:\(ring.ringID ?? "-"):\(ring.merchantID):\(ring.ringSize):\(ring.linkedIntercepted)", eventTS: ring.ts, brands: brands, into: &processing)
        default:
            throw DecodeError("counterfeit.merchants cannot handle \(type(of: record.payload))")
        }
    }

    private func reassessMerchant(_ entry: inout Entry, eventID: String, eventTS: Int64, brands: BrandRegistry, into processing: inout ProcessingContext) {
        let features = entry.profile.features(listing: nil, brands: brands, asOf: max(eventTS, entry.profile.lastEventTime))
        let assessment = context.assessor.assessMerchant(features, merchantID: entry.profile.merchantID)
        guard assessment.decision != entry.profile.lastMerchantDecision else { return }
        let first = entry.profile.lastMerchantDecision == nil
        entry.profile.lastMerchantDecision = assessment.decision
        // A new merchant starting at "allow" is not a change worth a verdict.
        if first, assessment.decision == .allow { return }
        emitVerdict(.merchant, merchantID: entry.profile.merchantID, assessment: assessment, eventID: eventID, eventTS: eventTS, into: &processing)
        let risk = RingInputMessage(
            kind: .risk, ts: eventTS, merchantID: entry.profile.merchantID, score: assessment.score,
            intercepted: assessment.decision == .intercept,
            evidence: assessment.reasons.prefix(3).map { RingEvidence(merchantID: entry.profile.merchantID, eventID: eventID, reasonCode: $0.code) }
        )
        processing.emit(OutputRecord(sink: "ring", key: entry.profile.merchantID, value: InternalCodec.encode(risk)))
    }

    private func emitVerdict(_ subject: VerdictSubject, merchantID: String, assessment: Assessment, eventID: String, eventTS: Int64, into processing: inout ProcessingContext) {
        let verdict = Verdict(
            subject: subject, merchantID: merchantID, score: assessment.score, decision: assessment.decision,
            reasons: assessment.reasons, modelVersion: context.assessor.modelVersion, eventID: eventID, eventTS: eventTS,
            decidedAt: Int64(Date().timeIntervalSince1970 * 1000)
        )
        context.countVerdict(assessment.decision)
        processing.emit(OutputRecord(sink: "verdicts", key: merchantID, value: InternalCodec.encode(verdict)))
    }

    /// Sends each identifier of the event to the identifier stage once per merchant.
    private func emitSightings(_ event: MarketplaceEvent, entry: inout Entry, into processing: inout ProcessingContext) {
        var found: [(IdentifierKind, String)] = []
        switch event {
        case .listing(let listing):
            found.append((.device, listing.seller.deviceID))
            found.append((.ip, listing.seller.ip))
            if let wifi = listing.seller.wifiBSSID { found.append((.wifi, wifi)) }
            for hash in listing.imageHashes { found.append((.imageHash, hash)) }
        case .payment(let payment):
            found.append((.payoutAccount, payment.payoutAccount))
        case .logistics(let shipment):
            found.append((.returnAddress, shipment.returnAddressHash))
            found.append((.shipFromAddress, shipment.shipFrom.addressHash))
            if shipment.status == .shipped {
                let location = ShipFromLocation(province: shipment.shipFrom.province, city: shipment.shipFrom.city, district: shipment.shipFrom.district)
                let message = RingInputMessage(kind: .shipment, ts: shipment.ts, merchantID: shipment.merchantID, location: location)
                processing.emit(OutputRecord(sink: "ring", key: shipment.merchantID, value: InternalCodec.encode(message)))
            }
        case .review:
            break
        }
        for (kind, raw) in found where !raw.isEmpty {
            let key = IdentifierKey(kind: kind, rawValue: raw)
            guard entry.sentIdentifiers.count < 4096, entry.sentIdentifiers.insert(key.description).inserted else { continue }
            let sighting = IdentifierSightingMessage(kind: kind, valueHash: key.valueHash, merchantID: event.merchantID, eventID: event.eventID, ts: event.ts)
            processing.emit(OutputRecord(sink: "identifiers", key: key.valueHash, value: InternalCodec.encode(sighting)))
        }
    }

    func snapshot() -> [(key: String, state: [UInt8])] {
        merchants.map { key, entry in
            var writer = StateWriter()
            writer.write(bytes: entry.profile.encoded())
            writer.writeLength(entry.recentEvents.count)
            for id in entry.recentEvents { writer.write(id) }
            writer.writeLength(entry.sentIdentifiers.count)
            for id in entry.sentIdentifiers.sorted() { writer.write(id) }
            return (key, writer.bytes)
        }
    }

    func restore(key: String, state: [UInt8]) throws {
        var reader = StateReader(state)
        var entry = Entry(profile: try MerchantProfile(decoding: try reader.readBytes("merchant profile")))
        for _ in 0..<(try reader.readLength("recent event count")) { _ = entry.remember(try reader.readString("recent event id")) }
        for _ in 0..<(try reader.readLength("sent identifier count")) { entry.sentIdentifiers.insert(try reader.readString("sent identifier")) }
        try reader.expectEnd(after: "merchant \(key)")
        merchants[key] = entry
    }

    func evictIdle(olderThan eventTime: Int64) -> Int {
        let before = merchants.count
        merchants = merchants.filter { $0.value.profile.lastEventTime >= eventTime }
        return before - merchants.count
    }
}
