/// A message that breaks the wire contract in `CONTRACT.md`.
///
/// Every violation names what failed: `field` holds the JSON path of the offending
/// value (`"price"`, `"seller.store_age_days"`, `"image_text_prices[2]"`), or `nil`
/// when the message as a whole is at fault (not UTF-8, not JSON, not an object).
/// ``description`` is the readable text that goes into the `dlq.reason` header, e.g.
/// `field 'seller.store_age_days': expected an integer, got string "12"`.
public struct ContractViolation: Error, CustomStringConvertible, Sendable, Hashable {
    /// The class of a violation, for metrics and tests; the message carries the details.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Bytes that are not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// Bytes that are not well-formed JSON.
        case malformedJSON = "malformed_json"
        /// Well-formed JSON whose top level is not an object.
        case notAnObject = "not_an_object"
        /// A required field is absent.
        case missingField = "missing_field"
        /// A field holds a value of the wrong JSON type (or `null` where not allowed).
        case wrongType = "wrong_type"
        /// A field has the right type but a value outside the contract's range or enumeration.
        case outOfRange = "out_of_range"
        /// `merchant_id` differs from the Kafka message key.
        case keyMismatch = "key_mismatch"
    }

    /// What kind of violation this is.
    public let kind: Kind
    /// JSON path of the offending field, or `nil` when the whole message is at fault.
    public let field: String?
    /// What is wrong, without the field name (e.g. `must be > 0, got -3`).
    public let detail: String

    /// Creates a violation of `kind` at `field` (a JSON path, or `nil` for the whole message).
    public init(_ kind: Kind, field: String?, _ detail: String) {
        self.kind = kind
        self.field = field
        self.detail = detail
    }

    /// `field '<path>': <detail>`, or `message: <detail>` when no field is at fault.
    public var description: String {
        if let field { return "field '\(field)': \(detail)" }
        return "message: \(detail)"
    }
}

extension ContractViolation {
    /// The same violation reported at another field path (used for array elements, whose
    /// index is only formatted when something is wrong).
    func at(_ field: String) -> ContractViolation {
        ContractViolation(kind, field: field, detail)
    }
}
