import Foundation
import VigilEngine
import VigilState
import VigilPrimitives

/// The merchant-keyed stage (`type: counterfeit.merchants`): one ``MerchantProfile`` per merchant,
/// updated by its listing, review, payment and logistics events in event time.
///
/// For every listing `create` or `update` it emits a listing verdict (sink `verdicts`), and a
/// merchant verdict whenever the merchant's decision changes (after any event, link or ring
/// update). It repartitions the identifiers it sees to the identifier stage (sink `identifiers`,
/// keyed by identifier hash). Once the identifier stage says the merchant shares an identifier
/// with another (it is *linked*), it reports to the ring stage (sink `ring`) its current risk —
/// when first linked, when its decision changes, or when its score moves by
/// ``MerchantProcessor/riskReportStep`` points or more — and its cumulative shipments per
/// ship-from district whenever they change. Merchants that share nothing cost the ring stage
/// nothing; a merchant that becomes linked brings its whole history with it. A redelivered event or
/// label (same `event_id` among the merchant's last ``ProfileLimits/maxRecentEvents``, remembered by
/// ``MerchantProfile/remember(eventID:)``) changes nothing and emits nothing: its verdicts went out the first time.
///
/// Labels (`marketplace.labels`) override the scores as ``LabelOverride`` describes, each from its
/// own `ts` on (``LabelLedger``); a label re-assesses the merchant at once (an upheld appeal always emits a merchant
/// verdict, `allow` with reason `appeal_upheld`), is kept in the case store, and a cleared merchant
/// reports risk 0 to the ring stage so it stops raising its neighbours' scores. A label for a
/// merchant not seen yet is kept until its events arrive, or until `idle_ttl` after the label's
/// `ts` (counted in `vigil_labels_expired_total`).
///
/// Every review also counts the merchant in the marketplace's hourly baseline of review bursts
/// (``MarketplaceBaseline``, shared by the instance's lanes); every assessment reads the shop's
/// burst against a marketplace-wide surge in progress (``ReviewSurge``).
///
/// With a feature log (sink `feature-log`, see ``FeatureLogRow``) it also logs the features behind
/// every verdict, and the merchant's assessment at every listing event.
///
/// Verdicts triggered by a link or ring update carry a synthetic `event_id`
/// (`link:<kind>:<value_hash>:<merchant_id>:<n>` or `ring:<ring_id>:<merchant_id>:<size>:<intercepted>`),
/// deterministic like every verdict id.
struct MerchantOperatorFactory: OperatorFactory {
    let context: RiskContext
    /// Writes the feature log (see ``FeatureLogRow``), `nil` when it is off.
    var featureLog: FeatureLogEmitter?

    func makeProcessor() -> any KeyedProcessor { MerchantProcessor(context: context, featureLog: featureLog) }
}

final class MerchantProcessor: KeyedProcessor {
    /// Per-merchant bookkeeping beside the profile.
    struct Entry {
        var profile: MerchantProfile
        /// ``StableHash`` values of the identifiers (``IdentifierKey/description``) already sent to
        /// the identifier stage (at most ``MerchantProcessor/maxSentIdentifiers``).
        var sentIdentifiers: Set<UInt64> = []
        /// Shipments per ship-from district (at most ``MerchantProcessor/maxDistricts``).
        var shipFrom: [ShipFromLocation: Int] = [:]
        /// The risk last reported to the ring stage, `nil` before the first report.
        var reportedRisk: MerchantRisk?
        /// Whether ``shipFrom`` changed since it was last reported.
        var shipmentsUnreported = false
        /// The merchant's labels.
        var labels = LabelLedger()
        /// Whether the latest assessment found the merchant cleared by its labels (then it reports risk 0 to the ring stage).
        var cleared = false
        /// The merchant's reviews in the latest clock hour of event time it had reviews in, for the
        /// marketplace baseline (``MarketplaceBaseline``); not checkpointed, like the baseline.
        var reviewHour: Int64 = .min
        var reviewsInHour = 0
        var burstCounted = false
        /// The event whose reassessment waits for a later record of the same merchant in the
        /// same lane batch (``ProcessingContext/moreFollowForKey``), in case that record turns out
        /// to change nothing; not checkpointed (a checkpoint waits for the lanes to drain).
        var deferredReassessment: (eventID: String, eventTS: Int64)?
    }

    /// Identifiers remembered per merchant as sent; further ones are not sent. Default 4096.
    static let maxSentIdentifiers = 4096
    /// A linked merchant's score is reported again when it moved by at least this many points. Default 5.
    static let riskReportStep = 5
    /// Most ship-from districts counted per merchant; shipments from further districts are not counted. Default 64.
    static let maxDistricts = 64

    let context: RiskContext
    private let featureLog: FeatureLogEmitter?
    private var scoring: AssessorSnapshot
    private var merchants: [String: Entry] = [:]

    init(context: RiskContext, featureLog: FeatureLogEmitter? = nil) { self.context = context; self.featureLog = featureLog; scoring = AssessorSnapshot(context) }

    var keyCount: Int { merchants.count }

    func process(_ record: SourceRecord, context processing: inout ProcessingContext) throws {
        scoring.refresh(from: context)
        // Mutated in place in the dictionary's storage: a copy taken out and written back would
        // share the profile's window buffers and sets, and copy them all on the first change.
        try process(record, entry: &merchants[record.key, default: Entry(profile: MerchantProfile(merchantID: record.key))], into: &processing)
    }

    private func process(_ record: SourceRecord, entry: inout Entry, into processing: inout ProcessingContext) throws {
        let brands = context.brands
        switch record.payload {
        case let event as MarketplaceEvent:
            guard entry.profile.apply(event, brands: brands, isLate: record.isLate) else {
                try reassessDeferred(&entry, brands: brands, into: &processing)
                return
            }
            if case .review(let review) = event { countForBaseline(review, entry: &entry) }
            try emitSightings(event, brands: brands, entry: &entry, into: &processing)
            // The merchant's windows are read once per listing: its listing vector adds the
            // listing's own features, its reassessment only re-reads the listing-score history.
            var merchantFeatures: (asOf: Int64, vector: FeatureVector)?
            if case .listing(let listing) = event, listing.action != .delist {
                let asOf = max(record.eventTime, entry.profile.lastEventTime)
                let merchant = entry.profile.features(listing: nil, brands: brands, asOf: asOf)
                let features = entry.profile.features(listing: listing, brands: brands, merchant: merchant)
                let assessment = LabelOverride.listing(scoring.assessor.assessListing(features, listing: listing, surge: seasonalSurge(entry, features: features, asOf: asOf)), listingID: listing.listingID,
                                                       standing: entry.labels.standing(asOf: asOf), thresholds: scoring.assessor.configuration.thresholds)
                try emitVerdict(.listing(listing.listingID), merchantID: listing.merchantID, assessment: assessment, eventID: listing.eventID, eventTS: listing.ts, into: &processing)
                featureLog?.log(.listing(listing.listingID), merchantID: listing.merchantID, features: features, assessment: assessment, eventID: listing.eventID, eventTS: listing.ts, published: true, into: &processing)
                entry.profile.recordListingScore(assessment.score, at: listing.ts)
                merchantFeatures = (asOf, entry.profile.refreshingListingScores(of: merchant, asOf: asOf))
            }
            // Listings are always reassessed (the feature log keeps the merchant's row at each).
            guard !deferReassessment(&entry, eventID: event.eventID, eventTS: event.ts, unless: event.kind == .listing, processing) else { return }
            let reassessment = try reassessMerchant(&entry, eventID: event.eventID, eventTS: event.ts, atListing: event.kind == .listing,
                                                    features: merchantFeatures, brands: brands, into: &processing)
            try reportToRings(&entry, assessment: reassessment, eventID: event.eventID, eventTS: event.ts, into: &processing)
        case let label as LabelEvent:
            guard entry.profile.remember(eventID: label.eventID) else {
                try reassessDeferred(&entry, brands: brands, into: &processing)
                return
            }
            entry.labels.apply(label)
            context.recordLabel(label)
            // A merchant not seen yet keeps the label until its events arrive.
            guard entry.profile.lastEventTime != .min else { return }
            entry.deferredReassessment = nil
            let reassessment = try reassessMerchant(&entry, eventID: label.eventID, eventTS: label.ts, labelsAsOf: label.ts,
                                              force: label.upholdsAppeal, brands: brands, into: &processing)
            try reportToRings(&entry, assessment: reassessment, eventID: label.eventID, eventTS: label.ts, into: &processing)
        case let link as LinkNoticeMessage:
            entry.profile.applyLink(kind: link.kind, valueHash: link.valueHash, otherMerchants: link.otherMerchants)
            let eventID = "link:\(link.kind.rawValue):\(link.valueHash):\(link.merchantID):\(link.otherMerchants)"
            guard !deferReassessment(&entry, eventID: eventID, eventTS: link.ts, processing) else { return }
            let reassessment = try reassessMerchant(&entry, eventID: eventID, eventTS: link.ts, brands: brands, into: &processing)
            try reportToRings(&entry, assessment: reassessment, eventID: eventID, eventTS: link.ts, into: &processing)
        case let ring as RingFeaturesMessage:
            let features = ring.features
            guard features != entry.profile.ring else {
                try reassessDeferred(&entry, brands: brands, into: &processing)
                return
            }
            entry.profile.applyRing(features)
            let eventID = "ring:\(ring.ringID ?? "-"):\(ring.merchantID):\(ring.ringSize):\(ring.linkedIntercepted)"
            guard !deferReassessment(&entry, eventID: eventID, eventTS: ring.ts, processing) else { return }
            let reassessment = try reassessMerchant(&entry, eventID: eventID, eventTS: ring.ts, brands: brands, into: &processing)
            try reportToRings(&entry, assessment: reassessment, eventID: eventID, eventTS: ring.ts, into: &processing)
        default:
            throw DecodeError("counterfeit.merchants cannot handle \(type(of: record.payload))")
        }
    }

    /// Leaves the merchant's reassessment to its next record in this lane batch when there is one
    /// (and not `unless`): returns whether it did. Otherwise clears any reassessment waiting, which
    /// the caller now makes.
    private func deferReassessment(_ entry: inout Entry, eventID: String, eventTS: Int64, unless: Bool = false, _ processing: ProcessingContext) -> Bool {
        guard processing.moreFollowForKey, !unless else {
            entry.deferredReassessment = nil
            return false
        }
        entry.deferredReassessment = (eventID, eventTS)
        return true
    }

    /// Makes the reassessment a record that changed nothing was waited for by (see ``Entry/deferredReassessment``),
    /// when no further record of the merchant follows in the batch.
    private func reassessDeferred(_ entry: inout Entry, brands: BrandRegistry, into processing: inout ProcessingContext) throws {
        guard !processing.moreFollowForKey, let waiting = entry.deferredReassessment else { return }
        entry.deferredReassessment = nil
        let reassessment = try reassessMerchant(&entry, eventID: waiting.eventID, eventTS: waiting.eventTS, brands: brands, into: &processing)
        try reportToRings(&entry, assessment: reassessment, eventID: waiting.eventID, eventTS: waiting.eventTS, into: &processing)
    }

    /// Scores the merchant and emits a merchant verdict when its decision changed, or always with
    /// `force`. Windows are read as of the later of `eventTS` and the merchant's latest event;
    /// labels as of that time too, or as of `labelsAsOf` (a label's own `ts`: a label-triggered
    /// assessment must not read the merchant's windows at a label's later time).
    /// Logs a feature row when it emits a verdict or `atListing` (see ``FeatureLogRow``).
    /// `features`, when read as of the same time, are used instead of reading the windows again.
    private func reassessMerchant(_ entry: inout Entry, eventID: String, eventTS: Int64, labelsAsOf: Int64? = nil, force: Bool = false, atListing: Bool = false,
                                  features known: (asOf: Int64, vector: FeatureVector)? = nil,
                                  brands: BrandRegistry, into processing: inout ProcessingContext) throws -> Reassessment {
        let asOf = labelsAsOf == nil ? max(eventTS, entry.profile.lastEventTime) : entry.profile.lastEventTime
        let features = known.flatMap { $0.asOf == asOf ? $0.vector : nil } ?? entry.profile.features(listing: nil, brands: brands, asOf: asOf)
        let standing = entry.labels.standing(asOf: labelsAsOf.map { max($0, asOf) } ?? asOf)
        let merchantID = entry.profile.merchantID
        var result = Reassessment(features: features, merchantID: merchantID, standing: standing, assessor: scoring.assessor,
                                  surge: seasonalSurge(entry, features: features, asOf: asOf))
        entry.cleared = standing.isCleared
        var published = false
        defer { if published || atListing { featureLog?.log(.merchant, merchantID: merchantID, features: features, assessment: result.assessment, eventID: eventID, eventTS: eventTS, published: published, into: &processing) } }
        if force, result.assessment.decision == entry.profile.lastMerchantDecision {
            try emitVerdict(.merchant, merchantID: merchantID, assessment: result.explained(), eventID: eventID, eventTS: eventTS, into: &processing)
            published = true
            return result
        }
        guard result.assessment.decision != entry.profile.lastMerchantDecision else { return result }
        let first = entry.profile.lastMerchantDecision == nil
        entry.profile.lastMerchantDecision = result.assessment.decision
        // A new merchant starting at "allow" is not a change worth a verdict.
        if first, result.assessment.decision == .allow { return result }
        try emitVerdict(.merchant, merchantID: merchantID, assessment: result.explained(), eventID: eventID, eventTS: eventTS, into: &processing)
        published = true
        return result
    }

    /// Reports a linked merchant's risk and shipments to the ring stage when they changed (see the type's documentation).
    private func reportToRings(_ entry: inout Entry, assessment reassessment: Reassessment, eventID: String, eventTS: Int64, into processing: inout ProcessingContext) throws {
        var reassessment = reassessment
        let assessment = reassessment.assessment
        guard entry.profile.isLinked else { return }
        let merchantID = entry.profile.merchantID
        // A cleared merchant (an upheld appeal) stops raising its neighbours' scores.
        let risk = entry.cleared ? MerchantRisk(score: 0, intercepted: false)
            : MerchantRisk(score: assessment.score, intercepted: assessment.decision == .intercept)
        if let reported = entry.reportedRisk, reported.intercepted == risk.intercepted, abs(reported.score - risk.score) < Self.riskReportStep {
            // Nothing the ring stage would notice.
        } else {
            entry.reportedRisk = risk
            let message = RingInputMessage(
                kind: .risk, ts: eventTS, merchantID: merchantID, score: risk.score, intercepted: risk.intercepted,
                evidence: reassessment.explained().reasons.prefix(3).map { LeadEvidence(merchantID: merchantID, eventID: eventID, reasonCode: $0.code) }
            )
            processing.emit(OutputRecord(sink: "ring", key: merchantID, value: InternalCodec.encode(message)))
        }
        if entry.shipmentsUnreported {
            entry.shipmentsUnreported = false
            let counts = ShipFromCount.ranked(entry.shipFrom.map { ShipFromCount(location: $0.key, count: $0.value) })
            let message = RingInputMessage(kind: .shipment, ts: eventTS, merchantID: merchantID, shipFrom: counts)
            processing.emit(OutputRecord(sink: "ring", key: merchantID, value: InternalCodec.encode(message)))
        }
    }

    private func emitVerdict(_ subject: VerdictSubject, merchantID: String, assessment: Assessment, eventID: String, eventTS: Int64, into processing: inout ProcessingContext) throws {
        let verdict = Verdict(
            subject: subject, merchantID: merchantID, score: assessment.score, decision: assessment.decision,
            reasons: assessment.reasons, modelVersion: assessment.modelVersion, eventID: eventID, eventTS: eventTS,
            decidedAt: Int64(Date().timeIntervalSince1970 * 1000)
        )
        context.countVerdict(assessment.decision)
        processing.emit(OutputRecord(sink: "verdicts", key: merchantID, value: try verdict.encodedJSON()))
    }

    /// Sends each identifier of the event to the identifier stage once per merchant.
    private func emitSightings(_ event: MarketplaceEvent, brands: BrandRegistry, entry: inout Entry, into processing: inout ProcessingContext) throws {
        var found: [(IdentifierKind, String)] = []
        var officialImagery = false
        switch event {
        case .listing(let listing):
            found.append((.device, listing.seller.deviceID))
            found.append((.ip, listing.seller.ip))
            if let wifi = listing.seller.wifiBSSID { found.append((.wifi, wifi)) }
            // A brand's published photos link nobody; an authorised seller's photos are the
            // brand's own imagery, which the identifier stage then stops linking on.
            for hash in listing.imageHashes where !brands.isOfficialImage(hash) { found.append((.imageHash, hash)) }
            officialImagery = brands.isAuthorizedForAny(merchant: listing.merchantID, brand: listing.brand, logos: listing.logos)
        case .payment(let payment):
            found.append((.payoutAccount, payment.payoutAccount))
        case .logistics(let shipment):
            found.append((.returnAddress, shipment.returnAddressHash))
            found.append((.shipFromAddress, shipment.shipFrom.addressHash))
            if shipment.status == .shipped {
                let location = ShipFromLocation(province: shipment.shipFrom.province, city: shipment.shipFrom.city, district: shipment.shipFrom.district)
                if entry.shipFrom[location] != nil || entry.shipFrom.count < Self.maxDistricts {
                    entry.shipFrom[location, default: 0] += 1
                    entry.shipmentsUnreported = true
                }
            }
        case .review:
            break
        }
        for (kind, raw) in found where !raw.isEmpty {
            let key = IdentifierKey(kind: kind, rawValue: raw)
            guard entry.sentIdentifiers.count < Self.maxSentIdentifiers, entry.sentIdentifiers.insert(StableHash.hash(key.description)).inserted else { continue }
            let official = officialImagery && kind == .imageHash ? true : nil
            let sighting = IdentifierSightingMessage(kind: kind, valueHash: key.valueHash, merchantID: event.merchantID, eventID: event.eventID, ts: event.ts, official: official)
            processing.emit(OutputRecord(sink: "identifiers", key: key.valueHash, value: InternalCodec.encode(sighting)))
        }
    }

    func snapshot() -> [(key: String, state: [UInt8])] {
        merchants.map { key, entry in (key, entry.encodedState()) }
    }

    func restore(key: String, state: [UInt8]) throws {
        var reader = StateReader(state)
        let entry = try Entry(from: &reader)
        try reader.expectEnd(after: "merchant \(key)")
        merchants[key] = entry
    }

    func evictIdle(olderThan eventTime: Int64) -> Int {
        let before = merchants.count
        var expiredLabels = 0
        merchants = merchants.filter { _, entry in
            let keep = max(entry.profile.lastEventTime, entry.labels.lastLabelTime) >= eventTime
            if !keep, entry.profile.lastEventTime == .min { expiredLabels += entry.labels.count }
            return keep
        }
        if expiredLabels > 0 { context.countExpiredLabels(expiredLabels) }
        return before - merchants.count
    }
}

/// A merchant's checkpoint: its profile (``MerchantProfile/encoded()``), two sections of text now
/// always empty (the recent event ids and the identifiers sent, which older checkpoints kept as
/// text), the ship-from counts and ring reporting, its labels, then the hashes of the identifiers
/// sent. Sections were appended over the format's life, so an entry must be the last value in
/// its bytes: an older checkpoint ends before the ring reporting, the labels or the hashes, which
/// then start empty (or from the older sections' text).
extension MerchantProcessor.Entry: BinaryStateCodable {
    func encode(to writer: inout StateWriter) {
        writer.write(bytes: profile.encoded())
        writer.writeLength(0)  // recent event ids as text: now the profile's guard
        writer.writeLength(0)  // identifiers sent as text: now hashes, at the end
        // Ring reporting (appended later in the format's life: absent in older checkpoints).
        writer.writeLength(shipFrom.count)
        for (location, count) in shipFrom.sorted(by: { $0.key < $1.key }) {
            writer.write(location.province)
            writer.write(location.city)
            writer.write(location.district)
            writer.writeLength(count)
        }
        writer.write(UInt8(shipmentsUnreported ? 1 : 0))
        writer.write(UInt8(reportedRisk == nil ? 0 : reportedRisk!.intercepted ? 2 : 1))
        writer.writeLength(reportedRisk?.score ?? 0)
        labels.encode(to: &writer)  // appended later still: absent in older checkpoints
        writer.writeLength(sentIdentifiers.count)  // appended last: absent in older checkpoints
        for hash in sentIdentifiers.sorted() { writer.write(hash) }
    }

    init(from reader: inout StateReader) throws(StateDecodingError) {
        let profileOffset = reader.offset
        let profileBytes = try reader.readBytes("merchant profile")
        do {
            self.init(profile: try MerchantProfile(decoding: profileBytes))
        } catch let error as StateDecodingError {
            throw error
        } catch {
            throw StateDecodingError(field: "merchant profile", offset: profileOffset, reason: .corrupt("\(error)"))
        }
        for _ in 0..<(try reader.readLength("recent event count")) { _ = profile.remember(eventID: try reader.readString("recent event id")) }
        for _ in 0..<(try reader.readLength("sent identifier count")) { sentIdentifiers.insert(StableHash.hash(try reader.readString("sent identifier"))) }
        if !reader.isAtEnd {
            for _ in 0..<(try reader.readLength("ship-from district count")) {
                let location = ShipFromLocation(
                    province: try reader.readString("ship-from province"), city: try reader.readString("ship-from city"),
                    district: try reader.readString("ship-from district")
                )
                shipFrom[location] = try reader.readLength("ship-from shipments")
            }
            shipmentsUnreported = try reader.readUInt8("shipments unreported") != 0
            let reported = try reader.readUInt8("reported risk")
            let score = try reader.readLength("reported score")
            reportedRisk = reported == 0 ? nil : MerchantRisk(score: score, intercepted: reported == 2)
        }
        if !reader.isAtEnd { labels = try LabelLedger(from: &reader) }
        if !reader.isAtEnd {
            let count = try reader.readLength("sent identifier hash count", limit: MerchantProcessor.maxSentIdentifiers, elementSize: 8)
            for _ in 0..<count { sentIdentifiers.insert(try reader.readUInt64("sent identifier hash")) }
        }
    }
}
