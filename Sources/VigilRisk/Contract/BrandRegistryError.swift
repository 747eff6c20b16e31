/// A brand registry file or `marketplace.brands` record that could not be used.
///
/// ``description`` names the source and the JSON path, e.g.
/// `brands.json: field 'brands.Rolex.reference_prices.watches': must be > 0, got -1` or
/// `marketplace.brands record "Rolex": field 'authorized_merchants': required field is missing`.
public struct BrandRegistryError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file path, or `marketplace.brands record "<key>"`.
    public let source: String
    /// What is wrong, with the JSON path when a field is at fault.
    public let violation: ContractViolation

    /// Creates an error for `source`.
    public init(source: String, violation: ContractViolation) {
        self.source = source
        self.violation = violation
    }

    /// `<source>: <violation>`.
    public var description: String { "\(source): \(violation)" }
}
