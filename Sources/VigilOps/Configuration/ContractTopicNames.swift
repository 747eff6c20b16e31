/// Names of the wire contract's topics (`shared/CONTRACT.md`), the one place they are written.
/// Every name is overridable in the `topics` section of the configuration (the defaults are the
/// contract's); `vigil run` renames the topology's topics accordingly (``renames``), creates
/// them under those names on the embedded cluster and follows brand updates on ``brands``.
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

    /// Every contract topic: the inputs, labels, brands, verdicts, leads and dead letters.
    public var all: [String] { inputs + [labels, brands, verdicts, leads, dlq] }

    /// Contract name → configured name, for the names that differ from the contract's.
    public var renames: [String: String] {
        var renames: [String: String] = [:]
        for (contract, configured) in zip(ContractTopicNames().all, all) where contract != configured {
            renames[contract] = configured
        }
        return renames
    }
}
