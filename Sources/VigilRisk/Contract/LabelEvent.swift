/// An outcome established about a merchant or one of its listings after the fact, from
/// `marketplace.labels`: a test buy examined, a rights holder's complaint confirmed or
/// rejected, an appeal decided, an enforcement result.
///
/// `ts` is when the outcome was established, not when the judged events happened; labels
/// arrive hours to weeks after them. An ``Source-swift.enum/appeal`` with outcome
/// ``Outcome-swift.enum/genuine`` means an earlier intercept was wrong.
public struct LabelEvent: Sendable, Hashable {
    /// `event_id`.
    public var eventID: String
    /// `merchant_id`: the merchant judged.
    public var merchantID: String
    /// `ts`: when the outcome was established, epoch milliseconds.
    public var ts: Int64
    /// `label_id`.
    public var labelID: String
    /// `listing_id`, or `nil` when the label is about the merchant as a whole.
    public var listingID: String?
    /// `outcome`.
    public var outcome: Outcome
    /// `source`: who established the outcome.
    public var source: Source
    /// `brand` concerned, when there is one.
    public var brand: String?
    /// `note`: free text for the case file.
    public var note: String?

    /// Creates a label; values are taken as given (validation happens in ``ContractDecoder``).
    public init(eventID: String, merchantID: String, ts: Int64, labelID: String, listingID: String?,
                outcome: Outcome, source: Source, brand: String?, note: String?) {
        self.eventID = eventID
        self.merchantID = merchantID
        self.ts = ts
        self.labelID = labelID
        self.listingID = listingID
        self.outcome = outcome
        self.source = source
        self.brand = brand
        self.note = note
    }

    /// `outcome` of a label.
    public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable {
        /// The goods were found counterfeit.
        case counterfeit
        /// The goods were found genuine (for an appeal: the intercept was wrong).
        case genuine
    }

    /// `source` of a label.
    public enum Source: String, Sendable, Hashable, CaseIterable, Codable {
        /// The platform's test-buy team examined a purchase.
        case testBuy = "test_buy"
        /// A rights holder's complaint, confirmed or rejected.
        case rightsHolder = "rights_holder"
        /// The appeals desk decided a merchant's appeal.
        case appeal
        /// An enforcement result (a raid, a court decision).
        case enforcement
        /// An investigator's review, e.g. from the console.
        case manualReview = "manual_review"
    }

    /// Whether the label marks the goods counterfeit.
    public var isCounterfeit: Bool { outcome == .counterfeit }

    /// Whether this label upholds an appeal: the earlier intercept was wrong.
    public var upholdsAppeal: Bool { source == .appeal && outcome == .genuine }
}
