import VigilRisk

/// An honest merchant that was intercepted: the verdict that did it, for whoever tunes the rules.
public struct FalseIntercept: Sendable, Hashable, Codable {
    /// The merchant.
    public var merchantID: String
    /// Its population in the ground truth (never a counterfeit one).
    public var population: PopulationKind
    /// The earliest intercept verdict's score.
    public var score: Int
    /// What that verdict was about: `merchant`, or the listing id.
    public var subject: String
    /// Its reason codes with their details, strongest first as the verdict lists them.
    public var reasons: [String]
    /// Its `event_ts`.
    public var eventTS: Int64

    /// Creates an entry from the verdict that intercepted an honest merchant.
    public init(verdict: Verdict, population: PopulationKind) {
        merchantID = verdict.merchantID
        self.population = population
        score = verdict.score
        subject = verdict.listingID ?? "merchant"
        reasons = verdict.reasons.map { "\($0.code): \($0.detail)" }
        eventTS = verdict.eventTS
    }

    enum CodingKeys: String, CodingKey {
        case merchantID = "merchant_id", population, score, subject, reasons, eventTS = "event_ts"
    }
}
