import VigilPrimitives

/// Reads one JSON object (RFC 8259) and keeps its top-level string and number fields: the
/// parsing behind ``JSONFieldDecoder``, on Vigil's one strict scanner (``StrictJSONScanner``).
///
/// It reads the bytes once, without building a Foundation object graph. Nested objects and
/// arrays, `true`, `false` and `null` are validated and skipped. Anything that is not exactly one
/// JSON object (surrounding whitespace allowed) is rejected with a ``DecodeError`` naming the
/// problem and its byte offset. Strings must be valid UTF-8; escapes (including `\u` surrogate
/// pairs) are decoded. When a key repeats, its last value wins. Nesting deeper than
/// ``maximumDepth`` is rejected rather than recursed into.
public enum JSONObjectScanner {
    /// Deepest nesting of objects and arrays accepted. 64.
    public static var maximumDepth: Int { StrictJSONScanner<DecodeError>.maxDepth }

    /// The top-level string and number fields of the JSON object in `bytes`.
    /// - Throws: ``DecodeError`` when `bytes` is not one well-formed UTF-8 JSON object.
    public static func fields(of bytes: [UInt8]) throws(DecodeError) -> JSONFields {
        do {
            return try bytes.withUnsafeBufferPointer { (buffer) throws(DecodeError) -> JSONFields in
                var scanner = StrictJSONScanner<DecodeError>(bytes: buffer)
                return try object(&scanner)
            }
        } catch {
            // Bytes that are not UTF-8 at all deserve that diagnosis rather than a JSON one.
            if String(validating: bytes, as: UTF8.self) == nil { throw DecodeError("value is not valid UTF-8") }
            throw error
        }
    }

    private static func object(_ scanner: inout StrictJSONScanner<DecodeError>) throws(DecodeError) -> JSONFields {
        // Room for a typical event's fields up front: growing a dictionary from empty
        // rehashes it at every doubling, and this runs once per record.
        var fields = JSONFields(numbers: Dictionary(minimumCapacity: 8), strings: Dictionary(minimumCapacity: 8))
        try scanner.beginRootObject()
        while let key = try scanner.nextKey(in: nil) {
            let name = key.string
            scanner.skipWhitespace()
            // A repeated name keeps only its last value, whatever its type.
            switch scanner.peekByte() ?? 0 {
            case UInt8(ascii: "\""):
                fields.strings[name] = try scanner.string(at: name)
                if !fields.numbers.isEmpty { fields.numbers[name] = nil }
            case UInt8(ascii: "-"), 0x30...0x39:
                fields.numbers[name] = try scanner.number(at: name)
                if !fields.strings.isEmpty { fields.strings[name] = nil }
            default:
                try scanner.skipValue(at: name)
                if !fields.strings.isEmpty { fields.strings[name] = nil }
                if !fields.numbers.isEmpty { fields.numbers[name] = nil }
            }
        }
        try scanner.finish()
        return fields
    }
}

extension DecodeError: JSONScanFailure {
    /// The engine's wording of a scanner failure: `value is not valid JSON: … at byte N`,
    /// `empty value: expected a JSON object`, `field 'price': number 1e999 is too large`.
    public static func jsonScanFailure(_ kind: JSONScanFailureKind, field: String?, detail: String) -> DecodeError {
        switch kind {
        case .empty: DecodeError("empty value: expected a JSON object")
        case .notAnObject: DecodeError("value is JSON but not an object (\(detail))")
        case .malformedJSON, .invalidUTF8: DecodeError("value is \(detail)")
        case .wrongType, .outOfRange: DecodeError(field.map { "field '\($0)': \(detail)" } ?? "value: \(detail)")
        }
    }
}
