import VigilOps
import VigilRisk

/// One simulated `marketplace.labels` message: an outcome established about a merchant or
/// one of its listings after the fact, in the contract's shape
/// (`{"event_id", "merchant_id", "ts", "label_id", "listing_id", "outcome", "source", "brand", "note"}`).
///
/// Delays after the events judged, by source: `test_buy` 2–21 days after the listing's
/// create; `rights_holder` 6 hours–10 days after it; `appeal` 1–14 days after the wrong
/// complaint it reverses; `enforcement` 7–35 days after the ring's (or solo shop's) last
/// listing; `manual_review` 1 hour–3 days after the merchant's last listing. A label's `ts`
/// may therefore lie beyond the simulated span.
public struct SimulatedLabel: Sendable, Hashable {
    /// The contract's default topic of labels (``VigilOps/ContractTopicNames/labels``).
    public static let topic = ContractTopicNames().labels

    /// What was established: the contract's outcomes (``LabelEvent/Outcome-swift.enum``).
    public typealias Outcome = LabelEvent.Outcome

    /// Who established it: the contract's sources (``LabelEvent/Source-swift.enum``).
    public typealias Source = LabelEvent.Source

    /// `label_id`.
    public var labelID: String
    /// The merchant judged (the Kafka key).
    public var merchantID: String
    /// The listing judged, or `nil` for the merchant as a whole.
    public var listingID: String?
    /// The outcome.
    public var outcome: Outcome
    /// The source.
    public var source: Source
    /// The brand concerned, if any.
    public var brand: String?
    /// Free text for the case file.
    public var note: String?
    /// When the outcome was established (`ts`), epoch ms.
    public var eventTime: Int64
    /// The event's time being judged (the listing's create, or the merchant's or ring's
    /// last listing), epoch ms: `eventTime` minus this is the label's delay.
    public var judgedTime: Int64
    /// The label as compact UTF-8 JSON, the Kafka value.
    public var value: [UInt8]

    /// The Kafka key: the merchant id.
    public var key: String { merchantID }
}
