/// A decision on a listing or a merchant, published to `risk.verdicts`.
///
/// Encodes to exactly the contract's fields, in snake_case: `verdict_id`, `subject`,
/// `merchant_id`, `listing_id` (explicit `null` for a merchant verdict), `score`, `decision`,
/// `reasons`, `model_version`, `event_id`, `event_ts`, `decided_at`. Decoding checks the same
/// shape (for tests and downstream consumers).
public struct Verdict: Sendable, Hashable, Codable {
    /// `verdict_id`, see ``VerdictID``.
    public var verdictID: String
    /// `subject` and `listing_id`.
    public var subject: VerdictSubject
    /// `merchant_id`.
    public var merchantID: String
    /// `score`, 0...100, higher is riskier.
    public var score: Int
    /// `decision`.
    public var decision: VerdictDecision
    /// `reasons`, strongest (highest weight) first.
    public var reasons: [VerdictReason]
    /// `model_version` that produced the score.
    public var modelVersion: String
    /// `event_id` of the triggering event.
    public var eventID: String
    /// `event_ts`: `ts` of the triggering event, epoch ms.
    public var eventTS: Int64
    /// `decided_at`: when the verdict was made, epoch ms.
    public var decidedAt: Int64

    /// `listing_id`: set for a listing verdict, `nil` for a merchant verdict.
    public var listingID: String? { subject.listingID }

    /// Creates a verdict whose id is derived from `eventID` and `subject` (``VerdictID``).
    /// `score` is clamped to 0...100; `reasons` are sorted strongest first (stable for ties).
    public init(
        subject: VerdictSubject, merchantID: String, score: Int, decision: VerdictDecision, reasons: [VerdictReason],
        modelVersion: String, eventID: String, eventTS: Int64, decidedAt: Int64
    ) {
        self.verdictID = VerdictID.make(eventID: eventID, subject: subject)
        self.subject = subject
        self.merchantID = merchantID
        self.score = min(max(score, 0), 100)
        self.decision = decision
        self.reasons = reasons.enumerated()
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .map(\.element)
        self.modelVersion = modelVersion
        self.eventID = eventID
        self.eventTS = eventTS
        self.decidedAt = decidedAt
    }

    private enum CodingKeys: String, CodingKey {
        case verdictID = "verdict_id", subject, merchantID = "merchant_id", listingID = "listing_id", score, decision
        case reasons, modelVersion = "model_version", eventID = "event_id", eventTS = "event_ts", decidedAt = "decided_at"
    }

    /// Writes the contract's fields; `listing_id` is written as `null` for a merchant verdict.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdictID, forKey: .verdictID)
        try container.encode(subject.wireName, forKey: .subject)
        try container.encode(merchantID, forKey: .merchantID)
        try container.encode(subject.listingID, forKey: .listingID)  // Optional.encode writes null
        try container.encode(score, forKey: .score)
        try container.encode(decision, forKey: .decision)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(modelVersion, forKey: .modelVersion)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(eventTS, forKey: .eventTS)
        try container.encode(decidedAt, forKey: .decidedAt)
    }

    /// Reads the contract's fields, checking `subject`/`listing_id` consistency and the score range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verdictID = try container.decode(String.self, forKey: .verdictID)
        let subjectName = try container.decode(String.self, forKey: .subject)
        let listingID = try container.decode(String?.self, forKey: .listingID)
        switch (subjectName, listingID) {
        case ("listing", let id?): subject = .listing(id)
        case ("merchant", nil): subject = .merchant
        case ("listing", nil):
            throw DecodingError.dataCorruptedError(forKey: .listingID, in: container, debugDescription: "listing_id is null for a listing verdict")
        case ("merchant", _?):
            throw DecodingError.dataCorruptedError(forKey: .listingID, in: container, debugDescription: "listing_id must be null for a merchant verdict")
        default:
            throw DecodingError.dataCorruptedError(forKey: .subject, in: container, debugDescription: "subject must be \"listing\" or \"merchant\", got \"\(subjectName)\"")
        }
        merchantID = try container.decode(String.self, forKey: .merchantID)
        score = try container.decode(Int.self, forKey: .score)
        guard (0...100).contains(score) else {
            throw DecodingError.dataCorruptedError(forKey: .score, in: container, debugDescription: "score must be in 0...100, got \(score)")
        }
        decision = try container.decode(VerdictDecision.self, forKey: .decision)
        reasons = try container.decode([VerdictReason].self, forKey: .reasons)
        modelVersion = try container.decode(String.self, forKey: .modelVersion)
        eventID = try container.decode(String.self, forKey: .eventID)
        eventTS = try container.decode(Int64.self, forKey: .eventTS)
        decidedAt = try container.decode(Int64.self, forKey: .decidedAt)
    }
}
