import VigilPrimitives

import Foundation

/// The rights holders' brand registry: reference prices and authorized merchants per brand.
///
/// Loaded from the registry file at start (``init(contentsOfFile:)``), then kept current
/// with ``apply(key:value:)`` for each record of the compacted topic `marketplace.brands`:
/// the latest record per brand replaces the brand, an empty or `null` value (or a Kafka
/// tombstone) deletes it. Brand names match case-insensitively (Unicode lowercase
/// mapping: `"ROLEX"`, `"rolex"` and `"Rolex"` are one brand); categories and merchant ids
/// match exactly.
///
/// Concurrency: a `Sendable` value type with copy-on-write storage. Readers on many threads
/// may share one copy; whoever applies updates owns its copy (e.g. one per lane, or one
/// behind a lock that readers snapshot from).
public struct BrandRegistry: Sendable, Hashable {
    /// The ISO 4217 currency of every reference price (from the file; records use the same).
    public private(set) var currency: String
    /// Records keyed by their lowercased name.
    private var records: [String: BrandRecord] {
        didSet { officialImages = Set(records.values.flatMap(\.officialImageHashes)) }
    }
    /// Every brand's `official_image_hashes`, kept with ``records`` (brand updates are rare).
    private var officialImages: Set<String> = []

    /// Creates a registry with `brands` (a later duplicate name, ignoring case, replaces an earlier one).
    public init(currency: String, brands: [BrandRecord] = []) {
        self.currency = currency
        var byName: [String: BrandRecord] = [:]
        for brand in brands { byName[Self.fold(brand.name)] = brand }
        records = byName
        officialImages = Set(byName.values.flatMap(\.officialImageHashes))
    }

    /// Loads the registry file at `path`:
    /// `{"currency": "CNY", "brands": {"Rolex": {"reference_prices": {...}, "authorized_merchants": [...]}}}`.
    public init(contentsOfFile path: String) throws(BrandRegistryError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BrandRegistryError(source: path, violation: ContractViolation(.malformedJSON, field: nil, "cannot read the file"))
        }
        try self.init(fileBytes: Array(data), source: path)
    }

    /// Parses registry file contents; `source` names them in errors.
    public init(fileBytes: [UInt8], source: String) throws(BrandRegistryError) {
        do {
            self = try fileBytes.withUnsafeBufferPointer { (buffer) throws(ContractViolation) -> BrandRegistry in
                var scanner = ContractScanner(bytes: buffer)
                return try Self.scanFile(&scanner)
            }
        } catch {
            throw BrandRegistryError(source: source, violation: error)
        }
    }

    /// Number of brands known.
    public var count: Int { records.count }

    /// Every brand record, in no particular order.
    public var brands: [BrandRecord] { Array(records.values) }

    /// The record for `brand` (any letter case), if known.
    public func record(for brand: String) -> BrandRecord? { records[Self.fold(brand)] }

    /// Whether `brand` (any letter case) is in the registry.
    public func knows(brand: String) -> Bool { records[Self.fold(brand)] != nil }

    /// The reference price of a genuine `brand` item in `category`, or `nil` if unknown.
    public func referencePrice(brand: String, category: String) -> Double? {
        records[Self.fold(brand)]?.referencePrices[category]
    }

    /// Whether `merchant` may sell `brand`; `false` for unknown brands.
    public func isAuthorized(merchant: String, brand: String) -> Bool {
        records[Self.fold(brand)]?.authorizedMerchants.contains(merchant) ?? false
    }

    /// Whether `imageHash` (a raw `image_hashes` entry) is one of any brand's official product photos.
    public func isOfficialImage(_ imageHash: String) -> Bool { officialImages.contains(imageHash) }

    /// Whether `merchant` may sell `brand` or any brand whose logo is in `logos`: then the listing's
    /// photos are taken for the brand's own imagery.
    public func isAuthorizedForAny(merchant: String, brand: String?, logos: [String]) -> Bool {
        if let brand, isAuthorized(merchant: merchant, brand: brand) { return true }
        return logos.contains { isAuthorized(merchant: merchant, brand: $0) }
    }

    /// Adds or replaces a brand (matched ignoring case).
    public mutating func upsert(_ record: BrandRecord) { records[Self.fold(record.name)] = record }

    /// Removes a brand (matched ignoring case); returns whether it was known.
    @discardableResult
    public mutating func remove(brand: String) -> Bool { records.removeValue(forKey: Self.fold(brand)) != nil }

    /// Applies one `marketplace.brands` record: `key` is the brand name; `value` is
    /// `{"reference_prices": {...}, "authorized_merchants": [...]}`, or `nil`, empty,
    /// whitespace or `null` to delete the brand. A bad record leaves the registry unchanged.
    public mutating func apply(key: String, value: [UInt8]?) throws(BrandRegistryError) {
        let source = "marketplace.brands record \"\(key)\""
        guard !key.isEmpty else {
            throw BrandRegistryError(source: source, violation: ContractViolation(.missingField, field: nil, "the key (brand name) is empty"))
        }
        guard let value else {
            remove(brand: key)
            return
        }
        let currency = currency
        do {
            let record = try value.withUnsafeBufferPointer { (buffer) throws(ContractViolation) -> BrandRecord? in
                var scanner = ContractScanner(bytes: buffer)
                scanner.skipWhitespace()
                if scanner.atEnd { return nil }
                if try scanner.takeNull(at: nil) {
                    try scanner.finish()
                    return nil
                }
                guard scanner.peekByte() == UInt8(ascii: "{") else {
                    try scanner.beginRootObject()  // throws the "expected a JSON object" violation
                    return nil
                }
                let record = try BrandRecord(name: key, scanning: &scanner, at: "", currency: currency)
                try scanner.finish()
                return record
            }
            if let record { upsert(record) } else { remove(brand: key) }
        } catch {
            throw BrandRegistryError(source: source, violation: error)
        }
    }

    /// Applies one `marketplace.brands` record with the raw Kafka key bytes.
    public mutating func apply(key: [UInt8]?, value: [UInt8]?) throws(BrandRegistryError) {
        guard let key, let name = String(validating: key, as: UTF8.self) else {
            throw BrandRegistryError(source: "marketplace.brands record",
                                     violation: ContractViolation(.invalidUTF8, field: nil, "the key (brand name) is missing or not UTF-8"))
        }
        try apply(key: name, value: value)
    }

    private static func fold(_ name: String) -> String { name.lowercased() }

    private static func scanFile(_ scanner: inout ContractScanner) throws(ContractViolation) -> BrandRegistry {
        var currency: String?
        var records: [BrandRecord]?
        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            switch field {
            case "currency": currency = try scanner.currencyCode(at: "currency")
            case "brands": records = try scanBrands(&scanner)
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()
        return BrandRegistry(currency: try required(currency, "currency"), brands: try required(records, "brands"))
    }

    /// Scans the file's `brands` object; two names equal ignoring case are an error.
    private static func scanBrands(_ scanner: inout ContractScanner) throws(ContractViolation) -> [BrandRecord] {
        var records: [BrandRecord] = []
        var seen: [String: String] = [:]
        try scanner.beginObject(at: "brands")
        while let key = try scanner.nextKey(in: "brands") {
            let name = key.string
            let path = "brands." + name
            guard !name.isEmpty else { throw ContractViolation(.outOfRange, field: path, "brand name is empty") }
            if let existing = seen[fold(name)] {
                throw ContractViolation(.outOfRange, field: path,
                                        "duplicates brand \"\(existing)\" (brand names match case-insensitively)")
            }
            seen[fold(name)] = name
            records.append(try BrandRecord(name: name, scanning: &scanner, at: path, currency: nil))
        }
        return records
    }
}
