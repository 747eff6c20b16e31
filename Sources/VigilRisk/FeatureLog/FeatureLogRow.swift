import Foundation
import VigilEngine
import VigilPrimitives

/// One point-in-time feature row of the feature log (topic `vigil.feature-log`, key `merchant_id`):
/// what the merchant stage knew and decided when it scored a listing or a merchant.
///
/// The merchant stage logs a row for every listing verdict, for every merchant verdict, and for
/// the merchant's own assessment at every listing event (even when no merchant verdict is
/// published), so merchant-level training sees negatives too.
///
/// **Wire format**: one compact JSON object, keys in this order: `row_id`, `subject`
/// (`"listing"` | `"merchant"`), `merchant_id`, `listing_id` (null for a merchant row),
/// `event_id`, `event_ts`, `model_version`, `score`, `decision`, `verdict` (whether a verdict was
/// published for this row), `catalog`, `features`. `features` is an array in
/// ``FeatureCatalog`` order (missing values as `null`) and `catalog` is
/// ``catalogFingerprint(count:)`` of its first `features.count` names; an array keeps a row about
/// a quarter of the size of a name-keyed object, and since the catalogue only ever appends, a
/// row logged by an older build stays readable (its fingerprint is that of the prefix it covers).
/// The bytes depend only on the record (no wall clock), so a replay logs identical rows.
public struct FeatureLogRow: Sendable, Hashable {
    /// The feature log's topic: `vigil.feature-log`, the one place its name is written (the
    /// counterfeit topology's `feature-log` sink names it too, as data).
    public static let topic = "vigil.feature-log"

    /// `row_id`: the verdict id (``VerdictID/make(eventID:subject:)``) of the event and subject,
    /// whether or not a verdict was published, so it equals the verdict's id when there is one.
    public var rowID: String
    /// `subject` and `listing_id`.
    public var subject: VerdictSubject
    /// `merchant_id`.
    public var merchantID: String
    /// `event_id` of the triggering event (synthetic for link and ring updates, as in verdicts).
    public var eventID: String
    /// `event_ts`: event time of the triggering event, epoch ms.
    public var eventTS: Int64
    /// `model_version` that scored it (``RiskAssessor/modelVersion``).
    public var modelVersion: String
    /// `score`, 0...100.
    public var score: Int
    /// `decision`.
    public var decision: VerdictDecision
    /// `verdict`: whether a verdict was published to `risk.verdicts` for this row.
    public var published: Bool
    /// `features`: catalogue-aligned values, `NaN` for missing.
    public var features: [Double]

    /// `listing_id`: set for a listing row.
    public var listingID: String? { subject.listingID }

    /// Creates a row; `rowID` is derived from `eventID` and `subject`.
    public init(subject: VerdictSubject, merchantID: String, eventID: String, eventTS: Int64, modelVersion: String,
                score: Int, decision: VerdictDecision, published: Bool, features: [Double]) {
        self.rowID = VerdictID.make(eventID: eventID, subject: subject)
        self.subject = subject
        self.merchantID = merchantID
        self.eventID = eventID
        self.eventTS = eventTS
        self.modelVersion = modelVersion
        self.score = score
        self.decision = decision
        self.published = published
        self.features = features
    }

    /// `fnv1a64:` + 16 hex digits over the first `count` catalogue names joined by `\n`
    /// (``ModelFingerprint``); identifies the feature order of a row's `features` array.
    public static func catalogFingerprint(count: Int = FeatureCatalog.count) -> String {
        if count == FeatureCatalog.count { return fullCatalogFingerprint }
        return ModelFingerprint.of(FeatureCatalog.names.prefix(max(0, count)).joined(separator: "\n").utf8)
    }

    private static let fullCatalogFingerprint = ModelFingerprint.of(FeatureCatalog.names.joined(separator: "\n").utf8)

    /// Whether encoded row bytes are a listing row, read from the fixed start ``encoded()`` writes
    /// (`{"row_id":"…","subject":"listing"`) without decoding the rest; `nil` when the bytes do
    /// not start that way (decode them to know). Lets readers that keep only merchant rows skip
    /// listing rows for the price of a few byte comparisons.
    public static func isListingRow(_ bytes: [UInt8]) -> Bool? {
        let start = rowStart
        guard bytes.count > start.count, bytes.starts(with: start) else { return nil }
        var index = start.count
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let rest = bytes[(index + 1)...]
        if rest.starts(with: #","subject":"listing""#.utf8) { return true }
        if rest.starts(with: #","subject":"merchant""#.utf8) { return false }
        return nil
    }

    /// The first bytes of every encoded row, up to the row id's value.
    private static let rowStart = Array(#"{"row_id":""#.utf8)

    /// The row as its wire JSON (see the type's documentation); deterministic bytes.
    public func encoded() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + features.count * 6)
        w.raw("{"); w.key("row_id"); w.string(rowID)
        w.raw(","); w.key("subject"); w.string(subject.wireName)
        w.raw(","); w.key("merchant_id"); w.string(merchantID)
        w.raw(","); w.key("listing_id")
        if let listingID { w.string(listingID) } else { w.raw("null") }
        w.raw(","); w.key("event_id"); w.string(eventID)
        w.raw(","); w.key("event_ts"); w.int(eventTS)
        w.raw(","); w.key("model_version"); w.string(modelVersion)
        w.raw(","); w.key("score"); w.int(Int64(score))
        w.raw(","); w.key("decision"); w.string(decision.rawValue)
        w.raw(","); w.key("verdict"); w.bool(published)
        w.raw(","); w.key("catalog"); w.string(Self.catalogFingerprint(count: features.count))
        w.raw(","); w.key("features"); w.raw("[")
        for (i, value) in features.enumerated() {
            if i > 0 { w.raw(",") }
            w.double(value)
        }
        w.raw("]}")
        return w.bytes
    }
}
