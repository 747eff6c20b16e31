/// One page of ``CaseStore/leads(matching:)``.
public struct LeadQueryResult: Sendable, Hashable {
    /// How many cases match the filter, across all pages.
    public let total: Int
    /// The page: highest score first, then most recently updated, then by ring id.
    public let cases: [CaseSummary]

    /// Creates a result.
    public init(total: Int, cases: [CaseSummary]) {
        self.total = total
        self.cases = cases
    }
}
