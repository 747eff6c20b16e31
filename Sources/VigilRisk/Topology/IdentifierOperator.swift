import VigilEngine
import VigilState

/// The identifier-keyed stage (`type: counterfeit.identifiers`): sees every merchant that uses an
/// identifier (device, Wi-Fi, IP, payout account, addresses, image hash), keyed by the identifier's
/// hash after a repartition through `vigil.identifiers`, so it runs on any number of instances.
///
/// When a new merchant joins an identifier it emits a ``LinkNoticeMessage`` to every member
/// (sink `links`, keyed by merchant) and the whole link to the ring stage (sink `ring`).
/// Identifiers shared by more merchants than their kind's cap (a mall's Wi-Fi, a carrier hub)
/// become common: members are told the identifier no longer links them (others = 0) and the
/// ring stage drops its links. A photo of a brand's authorised seller (official imagery) becomes
/// common at once. See ``LinkPolicy`` for caps and weights.
struct IdentifierOperatorFactory: OperatorFactory {
    let policy: LinkPolicy

    init(context: OperatorBuildContext) throws {
        policy = .default
    }

    func makeProcessor() -> any KeyedProcessor { IdentifierProcessor(policy: policy) }
}

final class IdentifierProcessor: KeyedProcessor {
    private var index: IdentifierIndex
    private let policy: LinkPolicy
    /// Sightings that changed the index, per identifier hash, replayed on restore.
    private var history: [String: [IdentifierSightingMessage]] = [:]
    private var lastSeen: [String: Int64] = [:]

    init(policy: LinkPolicy) {
        self.policy = policy
        self.index = IdentifierIndex(policy: policy)
    }

    var keyCount: Int { history.count }

    func process(_ record: SourceRecord, context: inout ProcessingContext) throws {
        guard let sighting = record.payload as? IdentifierSightingMessage else {
            throw DecodeError("counterfeit.identifiers expects identifier sightings, got \(type(of: record.payload))")
        }
        lastSeen[sighting.valueHash] = max(lastSeen[sighting.valueHash] ?? .min, sighting.ts)
        guard let key = Self.key(sighting) else { throw DecodeError("value_hash '\(sighting.valueHash)' is not 16 hex digits") }
        let wasCommon = index.isCommon(key)
        let wasKnown = index.contains(key)
        let link = index.record(IdentifierSighting(identifier: key, merchantID: sighting.merchantID, eventID: sighting.eventID, ts: sighting.ts, official: sighting.official ?? false))
        // A first sighting and an official one change the index without a link: keep them too,
        // or a restore would forget the first merchant of an identifier.
        if link != nil || !wasKnown || (sighting.official == true && !wasCommon) {
            history[sighting.valueHash, default: []].append(sighting)
        }
        guard let link, !wasCommon else { return }
        let common = link.status == .common
        for member in link.members {
            let notice = LinkNoticeMessage(kind: sighting.kind, valueHash: sighting.valueHash, merchantID: member.merchantID, otherMerchants: common ? 0 : link.members.count - 1, ts: sighting.ts)
            context.emit(OutputRecord(sink: "links", key: member.merchantID, value: InternalCodec.encode(notice)))
        }
        let ring = RingInputMessage(
            kind: .link, ts: sighting.ts, identifierKind: sighting.kind, valueHash: sighting.valueHash,
            members: link.members.map { [$0.merchantID, $0.eventID] }, weight: link.weight, common: common
        )
        context.emit(OutputRecord(sink: "ring", key: sighting.valueHash, value: InternalCodec.encode(ring)))
    }

    static func key(_ sighting: IdentifierSightingMessage) -> IdentifierKey? {
        UInt64(sighting.valueHash, radix: 16).map { IdentifierKey(kind: sighting.kind, hash: $0) }
    }

    func snapshot() -> [(key: String, state: [UInt8])] {
        history.map { ($0.key, IdentifierHistoryState.encode($0.value)) }
    }

    func restore(key: String, state: [UInt8]) throws {
        let sightings = try IdentifierHistoryState.decode(state)
        history[key] = sightings
        for sighting in sightings {
            guard let identifier = Self.key(sighting) else { continue }
            _ = index.record(IdentifierSighting(identifier: identifier, merchantID: sighting.merchantID, eventID: sighting.eventID, ts: sighting.ts, official: sighting.official ?? false))
            lastSeen[key] = max(lastSeen[key] ?? .min, sighting.ts)
        }
    }

    func evictIdle(olderThan eventTime: Int64) -> Int { 0 }
}
