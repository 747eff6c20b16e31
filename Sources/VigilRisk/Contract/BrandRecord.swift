import VigilPrimitives

/// What a rights holder shares about one brand: what its genuine goods cost and who may sell them.
public struct BrandRecord: Sendable, Hashable {
    /// The brand's name as the rights holder spells it (e.g. `"Rolex"`).
    public var name: String
    /// `reference_prices`: the typical price of a genuine item per category, in the registry's
    /// currency, each > 0. Categories match exactly (`"watches"`).
    public var referencePrices: [String: Double]
    /// `authorized_merchants`: merchant ids allowed to sell the brand.
    public var authorizedMerchants: Set<String>
    /// `official_image_hashes` (optional in the contract, empty when absent): perceptual hashes of
    /// the brand's own product photos. Authorised sellers, and sometimes others, use them, so a
    /// shared official photo links no shops and is no sign of counterfeiting by itself.
    public var officialImageHashes: Set<String>

    /// Creates a brand record.
    public init(name: String, referencePrices: [String: Double], authorizedMerchants: Set<String>, officialImageHashes: Set<String> = []) {
        self.name = name
        self.referencePrices = referencePrices
        self.authorizedMerchants = authorizedMerchants
        self.officialImageHashes = officialImageHashes
    }
}

extension BrandRecord {
    /// Scans `{"reference_prices": {...}, "authorized_merchants": [...], "official_image_hashes": [...]}`
    /// (the last optional) at `path` (`""` for a
    /// topic record's root). When `currency` is given, a `currency` field, if present, must equal it.
    init(name: String, scanning scanner: inout ContractScanner, at path: String, currency: String?) throws(ContractViolation) {
        let prefix = path.isEmpty ? "" : path + "."
        var referencePrices: [String: Double]?
        var authorizedMerchants: [String]?
        var officialImageHashes: [String] = []
        try scanner.beginObject(at: path.isEmpty ? nil : path)
        while let field = try scanner.nextKey(in: path.isEmpty ? nil : path) {
            switch field {
            case "reference_prices":
                let pricesPath = prefix + "reference_prices"
                var prices: [String: Double] = [:]
                try scanner.beginObject(at: pricesPath)
                while let category = try scanner.nextKey(in: pricesPath) {
                    let name = category.string
                    prices[name] = try scanner.positiveNumber(at: pricesPath + "." + name)
                }
                referencePrices = prices
            case "authorized_merchants":
                authorizedMerchants = try scanner.stringArray(at: prefix + "authorized_merchants")
            case "official_image_hashes":
                officialImageHashes = try scanner.stringArray(at: prefix + "official_image_hashes")
            case "currency" where currency != nil:
                let given = try scanner.string(at: prefix + "currency")
                guard given == currency else {
                    throw ContractViolation(.outOfRange, field: prefix + "currency",
                                            "must equal the registry's currency \"\(currency ?? "")\", got \"\(given)\"")
                }
            default:
                try scanner.skipValue(at: prefix + field.string)
            }
        }
        self.init(
            name: name,
            referencePrices: try required(referencePrices, prefix + "reference_prices"),
            authorizedMerchants: Set(try required(authorizedMerchants, prefix + "authorized_merchants")),
            officialImageHashes: Set(officialImageHashes)
        )
    }
}
