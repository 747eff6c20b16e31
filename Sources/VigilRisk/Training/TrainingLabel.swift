import Foundation

/// An outcome established about a merchant or one of its listings (the contract's label event,
/// topic `marketplace.labels`), as training reads it: only the fields the point-in-time join needs.
///
/// Decodes the contract's JSON (`label_id`, `merchant_id`, `listing_id` or null, `outcome`,
/// `source`, `ts`; other fields are ignored).
public struct TrainingLabel: Sendable, Hashable, Decodable {
    /// `outcome`.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// The goods were found counterfeit.
        case counterfeit
        /// The goods were found genuine (an appeal with this outcome means an earlier intercept was wrong).
        case genuine
    }

    /// `source`: who established the outcome.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// A test buy examined.
        case testBuy = "test_buy"
        /// A rights holder's complaint confirmed or rejected.
        case rightsHolder = "rights_holder"
        /// An appeal decided.
        case appeal
        /// An enforcement result.
        case enforcement
        /// A manual review.
        case manualReview = "manual_review"
    }

    /// `label_id`.
    public var labelID: String
    /// `merchant_id`.
    public var merchantID: String
    /// `listing_id`: the listing judged, `nil` when the label is about the merchant as a whole.
    public var listingID: String?
    /// `outcome`.
    public var outcome: Outcome
    /// `source`.
    public var source: Source
    /// `ts`: when the outcome was established, epoch ms.
    public var ts: Int64

    /// Creates a label.
    public init(labelID: String, merchantID: String, listingID: String?, outcome: Outcome, source: Source, ts: Int64) {
        self.labelID = labelID
        self.merchantID = merchantID
        self.listingID = listingID
        self.outcome = outcome
        self.source = source
        self.ts = ts
    }

    /// Whether the label marks the goods counterfeit.
    public var isCounterfeit: Bool { outcome == .counterfeit }

    private enum CodingKeys: String, CodingKey {
        case labelID = "label_id", merchantID = "merchant_id", listingID = "listing_id", outcome, source, ts
    }
}
