import Foundation

/// A merchant was seen using an identifier (already hashed).
struct IdentifierSightingMessage: Codable, Sendable, Equatable {
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
struct LinkNoticeMessage: Codable, Sendable, Equatable {
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
struct RingFeaturesMessage: Codable, Sendable, Equatable {
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
