import Foundation

/// Records on the risk topology's internal topics (repartitioning between its keyed stages).
///
/// | topic (default) | key | message |
/// | --- | --- | --- |
/// | `vigil.identifiers` | identifier value hash | ``IdentifierSightingMessage`` |
/// | `vigil.links` | merchant_id | ``LinkNoticeMessage`` (one per member of a link) |
/// | `vigil.ring-input` (1 partition) | any | ``RingInputMessage`` (links, merchant risk, shipments) |
/// | `vigil.ring-features` | merchant_id | ``RingFeaturesMessage`` |
enum InternalCodec {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The message as compact JSON with sorted keys.
    /// - Throws: `EncodingError` when the value cannot be written as JSON (a NaN or infinite
    ///   number): an output or checkpoint must never silently become an empty payload.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    /// Encodes checkpoint state (``KeyedProcessor/snapshot()`` cannot throw). The state is
    /// made only of messages that were read from JSON (or built from such), so it always
    /// encodes again; should it not, stopping is better than checkpointing an empty payload.
    static func encodeState(_ value: some Encodable) -> [UInt8] {
        do { return try encode(value) } catch { preconditionFailure("checkpoint state cannot be encoded as JSON: \(error)") }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }
}

/// A merchant was seen using an identifier (already hashed).
struct IdentifierSightingMessage: Codable, Sendable {
    var kind: IdentifierKind
    var valueHash: String
    var merchantID: String
    var eventID: String
    var ts: Int64
    /// `true` for a photo in a listing of the brand's authorised seller (official imagery);
    /// absent (`nil`) otherwise, so messages and checkpoints written before it read unchanged.
    var official: Bool? = nil
}

/// Tells one merchant that an identifier it uses is shared with `otherMerchants` others
/// (0 once the identifier became common and no longer links anyone).
struct LinkNoticeMessage: Codable, Sendable {
    var kind: IdentifierKind
    var valueHash: String
    var merchantID: String
    var otherMerchants: Int
    var ts: Int64
}

/// Everything the ring stage learns, on one single-partition topic so one instance sees it all.
struct RingInputMessage: Codable, Sendable {
    enum Kind: String, Codable { case link, risk, shipment }
    var kind: Kind
    var ts: Int64
    // link
    var identifierKind: IdentifierKind?
    var valueHash: String?
    var members: [[String]]?      // [merchant_id, event_id]
    var weight: Double?
    var common: Bool?
    // risk
    var merchantID: String?
    var score: Int?
    var intercepted: Bool?
    var evidence: [LeadEvidence]?
    // shipment: the merchant's cumulative counts per district (`location` alone is one shipment,
    // the shape written before cumulative reports, still read from old checkpoints)
    var location: ShipFromLocation?
    var shipFrom: [ShipFromCount]?
}

/// A merchant's ring features, sent back to the merchant stage.
struct RingFeaturesMessage: Codable, Sendable {
    var merchantID: String
    var ts: Int64
    var ringID: String?
    var ringSize: Int
    var linkedIntercepted: Int
    var maxLinkedScore: Int
    var meanLinkedScore: Double
    var sharedIdentifiers: [String: Int]

    init(merchantID: String, ts: Int64, features: RingFeatures) {
        self.merchantID = merchantID
        self.ts = ts
        ringID = features.ringID
        ringSize = features.ringSize
        linkedIntercepted = features.linkedIntercepted
        maxLinkedScore = features.maxLinkedScore
        meanLinkedScore = features.meanLinkedScore
        sharedIdentifiers = Dictionary(uniqueKeysWithValues: features.sharedIdentifiers.map { ($0.key.rawValue, $0.value) })
    }

    var features: RingFeatures {
        RingFeatures(
            ringID: ringID, ringSize: ringSize, linkedIntercepted: linkedIntercepted, maxLinkedScore: maxLinkedScore,
            meanLinkedScore: meanLinkedScore,
            sharedIdentifiers: Dictionary(uniqueKeysWithValues: sharedIdentifiers.compactMap { key, value in IdentifierKind(rawValue: key).map { ($0, value) } })
        )
    }
}
