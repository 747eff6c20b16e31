/// The family a feature belongs to, for documentation and for grouping in reports.
public enum FeatureGroup: String, CaseIterable, Sendable {
    /// One listing's own facts, and how fast the merchant lists and delists.
    case listing
    /// The storefront: age, template, inventory, assortment, and the merchant's listing-score history.
    case storefront
    /// Reviews the merchant's listings receive.
    case reviews
    /// Charges, refunds and chargebacks.
    case payments
    /// Shipments, returns and where parcels leave from.
    case logistics
    /// Identifiers shared with other merchants, and rings.
    case relational
}
