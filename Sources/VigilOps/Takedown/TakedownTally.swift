/// Running counts of what the takedown consumer has seen, each verdict id counted once.
public struct TakedownTally: Sendable, Equatable, CustomStringConvertible {
    /// Distinct verdicts with decision `allow`.
    public var allow = 0
    /// Distinct verdicts with decision `review`.
    public var review = 0
    /// Distinct verdicts with decision `intercept`.
    public var intercept = 0
    /// Redeliveries skipped because their verdict id was already applied.
    public var duplicates = 0
    /// Messages that were not verdicts (bad JSON or missing fields); skipped.
    public var malformed = 0
    /// Listings intercepted at least once.
    public var interceptedListings: Set<String> = []
    /// Merchants with at least one intercept verdict (listing or merchant subject).
    public var interceptedMerchants: Set<String> = []

    /// An empty tally.
    public init() {}

    /// Distinct verdicts counted.
    public var verdicts: Int { allow + review + intercept }

    /// `verdicts=12 allow=7 review=3 intercept=2 listings=2 merchants=1 duplicates=4 malformed=0`.
    public var description: String {
        "verdicts=\(verdicts) allow=\(allow) review=\(review) intercept=\(intercept) "
            + "intercepted_listings=\(interceptedListings.count) intercepted_merchants=\(interceptedMerchants.count) "
            + "duplicates=\(duplicates) malformed=\(malformed)"
    }
}
