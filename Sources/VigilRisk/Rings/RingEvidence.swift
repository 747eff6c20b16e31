/// One piece of evidence in a lead: `{merchant_id, event_id, reason_code}`.
///
/// Reason codes are `shared_<kind>` (for example `shared_payout_account`)
/// for a merchant seen on a shared identifier, or whatever code the scoring
/// stage passed with ``RingTracker/updateMerchantRisk(merchantID:score:intercepted:evidence:)``
/// (for example `ocr_price_mismatch`).
public struct RingEvidence: Sendable, Hashable, Codable {
    /// The merchant the evidence is about.
    public let merchantID: String
    /// The input event that shows it.
    public let eventID: String
    /// A stable reason code.
    public let reasonCode: String

    /// Creates a piece of evidence.
    public init(merchantID: String, eventID: String, reasonCode: String) {
        self.merchantID = merchantID
        self.eventID = eventID
        self.reasonCode = reasonCode
    }

    enum CodingKeys: String, CodingKey {
        case merchantID = "merchant_id"
        case eventID = "event_id"
        case reasonCode = "reason_code"
    }
}
