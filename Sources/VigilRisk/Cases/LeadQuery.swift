/// Which cases ``CaseStore/leads(matching:)`` returns: a filter and a page.
///
/// Defaults: open cases of any brand and province, the first 50.
public struct LeadQuery: Sendable, Hashable {
    /// Which cases by status.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Rings that exist now (the default).
        case open
        /// Rings merged into another or dissolved.
        case closed
        /// Both.
        case all
    }

    /// Only cases with a member that lists this brand (case-insensitive); `nil` for any.
    public var brand: String?
    /// Only cases shipping from this province (case-insensitive); `nil` for any.
    public var province: String?
    /// Open, closed or all. Default ``Status/open``.
    public var status: Status
    /// At most this many cases. Default 50.
    public var limit: Int
    /// Skip this many (paging). Default 0.
    public var offset: Int

    /// Creates a query.
    public init(brand: String? = nil, province: String? = nil, status: Status = .open, limit: Int = 50, offset: Int = 0) {
        self.brand = brand
        self.province = province
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}
