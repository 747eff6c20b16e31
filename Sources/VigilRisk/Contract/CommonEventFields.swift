import VigilPrimitives

/// Collects and validates the fields every input event shares while an event object is scanned.
///
/// Lengths of `event_id` (1...128) and `merchant_id` (1...64) are counted in Unicode
/// scalars, the language-neutral notion of a "character" (Python's `len`, not Java's UTF-16
/// units, not grapheme clusters); for the usual ASCII ids all these agree.
struct CommonEventFields {
    private var eventID: String?
    private var merchantID: String?
    private var ts: Int64?

    /// Reads `key` if it is a common field and returns `true`; otherwise leaves the scanner alone.
    mutating func take(_ key: JSONKey, from scanner: inout ContractScanner) throws(ContractViolation) -> Bool {
        switch key {
        case "event_id":
            eventID = try Self.identifier(scanner.string(at: "event_id"), field: "event_id", maxLength: 128)
        case "merchant_id":
            merchantID = try Self.identifier(scanner.string(at: "merchant_id"), field: "merchant_id", maxLength: 64)
        case "ts":
            ts = try scanner.integer(at: "ts")
        default:
            return false
        }
        return true
    }

    /// The collected fields; throws for a missing one or when `merchant_id` differs from `key`.
    func finish(key: [UInt8]?) throws(ContractViolation) -> (eventID: String, merchantID: String, ts: Int64) {
        let eventID = try required(self.eventID, "event_id")
        let merchantID = try required(self.merchantID, "merchant_id")
        let ts = try required(self.ts, "ts")
        if let key, !merchantID.utf8.elementsEqual(key) {
            let shown = String(decoding: key, as: UTF8.self)
            throw ContractViolation(.keyMismatch, field: "merchant_id",
                                    "\"\(merchantID)\" does not equal the message key \"\(shown)\"")
        }
        return (eventID, merchantID, ts)
    }

    private static func identifier(_ value: String, field: String, maxLength: Int) throws(ContractViolation) -> String {
        if value.isEmpty {
            throw ContractViolation(.outOfRange, field: field, "must be 1...\(maxLength) characters, got an empty string")
        }
        if value.utf8.count > maxLength {
            let length = value.unicodeScalars.count
            if length > maxLength {
                throw ContractViolation(.outOfRange, field: field, "must be 1...\(maxLength) characters, got \(length)")
            }
        }
        return value
    }
}

/// Unwraps a field collected while scanning, or reports it missing under `path`.
@inline(__always)
func required<T>(_ value: T?, _ path: String) throws(ContractViolation) -> T {
    guard let value else { throw ContractViolation(.missingField, field: path, "required field is missing") }
    return value
}
