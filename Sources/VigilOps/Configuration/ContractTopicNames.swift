/// Names of the wire contract's topics (`shared/CONTRACT.md`). Every name is overridable in the
/// `topics` section of the configuration; the defaults are the contract's.
public struct ContractTopicNames: Sendable, Equatable {
    /// Listing events. Default `marketplace.listings`.
    public var listings = "marketplace.listings"
    /// Review events. Default `marketplace.reviews`.
    public var reviews = "marketplace.reviews"
    /// Payment events. Default `marketplace.payments`.
    public var payments = "marketplace.payments"
    /// Logistics events. Default `marketplace.logistics`.
    public var logistics = "marketplace.logistics"
    /// Labels: outcomes established after the fact. Default `marketplace.labels`.
    public var labels = "marketplace.labels"
    /// Brand registry updates (compacted). Default `marketplace.brands`.
    public var brands = "marketplace.brands"
    /// Verdicts the engine writes. Default `risk.verdicts`.
    public var verdicts = "risk.verdicts"
    /// Investigation leads the engine writes. Default `risk.leads`.
    public var leads = "risk.leads"
    /// Dead letters. Default `risk.dlq`.
    public var dlq = "risk.dlq"

    /// The contract's default names.
    public init() {}

    /// The four co-partitioned input topics: listings, reviews, payments, logistics.
    public var inputs: [String] { [listings, reviews, payments, logistics] }
}
