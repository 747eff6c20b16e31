/// The fields of a contract verdict (`risk.verdicts`) that the takedown consumer needs.
///
/// Deliberately minimal and independent of `VigilRisk`'s full `Verdict` type: a downstream
/// consumer reads only what it acts on, and unknown fields are ignored as the contract requires.
public struct TakedownVerdict: Decodable, Sendable, Equatable {
    /// `"allow"`, `"review"` or `"intercept"`.
    public enum Decision: String, Decodable, Sendable, CaseIterable {
        /// Nothing to do.
        case allow
        /// Queue for a human.
        case review
        /// Take the listing (or the merchant's listings) down.
        case intercept
    }

    /// Deterministic from the triggering event: the idempotency key.
    public var verdictID: String
    /// `"listing"` or `"merchant"`.
    public var subject: String
    /// The merchant.
    public var merchantID: String
    /// The listing, when the subject is a listing.
    public var listingID: String?
    /// The decision.
    public var decision: Decision
    /// Risk score 0...100.
    public var score: Int

    enum CodingKeys: String, CodingKey {
        case verdictID = "verdict_id"
        case subject
        case merchantID = "merchant_id"
        case listingID = "listing_id"
        case decision
        case score
    }

    /// Creates a verdict.
    public init(verdictID: String, subject: String, merchantID: String, listingID: String?, decision: Decision, score: Int) {
        self.verdictID = verdictID
        self.subject = subject
        self.merchantID = merchantID
        self.listingID = listingID
        self.decision = decision
        self.score = score
    }
}
