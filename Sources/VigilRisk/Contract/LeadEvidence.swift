/// One piece of evidence in a lead: `{"merchant_id", "event_id", "reason_code"}`.
public struct LeadEvidence: Sendable, Hashable, Codable {
    /// `merchant_id` the evidence is about.
    public var merchantID: String
    /// `event_id` of the event that showed it.
    public var eventID: String
    /// `reason_code`, a stable identifier such as `ocr_price_mismatch`.
    public var reasonCode: String

    /// Creates a piece of evidence.
    public init(merchantID: String, eventID: String, reasonCode: String) {
        self.merchantID = merchantID
        self.eventID = eventID
        self.reasonCode = reasonCode
    }

    private enum CodingKeys: String, CodingKey {
        case merchantID = "merchant_id", eventID = "event_id", reasonCode = "reason_code"
    }
}
