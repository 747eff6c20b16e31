import VigilPrimitives

/// A strict, allocation-light reader of one JSON object (RFC 8259) that keeps its top-level
/// string and number fields: the parsing behind ``JSONFieldDecoder``.
///
/// It reads the bytes once, without building a Foundation object graph. Nested objects and
/// arrays, `true`, `false` and `null` are validated and skipped. Anything that is not exactly one
/// JSON object (surrounding whitespace allowed) is rejected with a ``DecodeError`` naming the
/// problem and its byte offset. Strings must be valid UTF-8; escapes (including `\u` surrogate
/// pairs) are decoded. When a key repeats, its last value wins. Nesting deeper than
/// ``maximumDepth`` is rejected rather than recursed into.
public enum JSONObjectScanner {
    /// Deepest nesting of objects and arrays accepted. 64.
    public static let maximumDepth = 64

    /// The top-level string and number fields of the JSON object in `bytes`.
    /// - Throws: ``DecodeError`` when `bytes` is not one well-formed UTF-8 JSON object.
    public static func fields(of bytes: [UInt8]) throws(DecodeError) -> JSONFields {
        do {
            return try bytes.withUnsafeBufferPointer { (buffer) throws(DecodeError) -> JSONFields in
                var reader = Reader(bytes: buffer)
                return try reader.object()
            }
        } catch {
            // Bytes that are not UTF-8 at all deserve that diagnosis rather than a JSON one.
            if String(validating: bytes, as: UTF8.self) == nil { throw DecodeError("value is not valid UTF-8") }
            throw error
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func fail(_ problem: String) -> DecodeError {
            DecodeError("value is not valid JSON: \(problem) at byte \(index)")
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(DecodeError) {
            guard index < bytes.count, bytes[index] == byte else {
                throw fail(index < bytes.count ? "expected \(what)" : "unexpected end, expected \(what)")
            }
            index += 1
        }

        mutating func object() throws(DecodeError) -> JSONFields {
            // Room for a typical event's fields up front: growing a dictionary from empty
            // rehashes it at every doubling, and this runs once per record.
            var fields = JSONFields(numbers: Dictionary(minimumCapacity: 8), strings: Dictionary(minimumCapacity: 8))
            skipWhitespace()
            guard index < bytes.count else { throw DecodeError("empty value: expected a JSON object") }
            guard bytes[index] == UInt8(ascii: "{") else {
                try skipValue(depth: 1)
                skipWhitespace()
                guard index == bytes.count else { throw fail("unexpected data after the value") }
                throw DecodeError("value is JSON but not an object")
            }
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
                    let name = try string()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "':' after field name")
                    skipWhitespace()
                    guard index < bytes.count else { throw fail("unexpected end, expected a value") }
                    switch bytes[index] {
                    // A repeated name keeps only its last value, whatever its type.
                    case UInt8(ascii: "\""):
                        fields.strings[name] = try string()
                        if !fields.numbers.isEmpty { fields.numbers[name] = nil }
                    case UInt8(ascii: "-"), 0x30...0x39:
                        fields.numbers[name] = try number()
                        if !fields.strings.isEmpty { fields.strings[name] = nil }
                    default:
                        try skipValue(depth: 1)
                        if !fields.strings.isEmpty { fields.strings[name] = nil }
                        if !fields.numbers.isEmpty { fields.numbers[name] = nil }
                    }
                    skipWhitespace()
                    guard index < bytes.count else { throw fail("unexpected end, expected ',' or '}'") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    break
                }
            }
            skipWhitespace()
            guard index == bytes.count else { throw fail("unexpected data after the object") }
            return fields
        }

        /// Reads a string starting at its opening quote.
        mutating func string() throws(DecodeError) -> String {
            index += 1
            let start = index
            var ascii = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    if ascii { return String(decoding: slice, as: UTF8.self) }
                    guard let text = String(validating: slice, as: UTF8.self) else { throw DecodeError("value is not valid UTF-8") }
                    return text
                }
                if byte == UInt8(ascii: "\\") {
                    index = start
                    return try escapedString()
                }
                if byte < 0x20 { throw fail("control character in a string") }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            throw fail("unterminated string")
        }

        /// The slow path of ``string()``: decodes escapes into a byte buffer.
        mutating func escapedString() throws(DecodeError) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(32)
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else { throw DecodeError("value is not valid UTF-8") }
                    return text
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw fail("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if JSONUnicodeEscape.isHighSurrogate(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw fail("unpaired surrogate escape")
                            }
                            index += 2
                            let low = try hex4()
                            guard JSONUnicodeEscape.isLowSurrogate(low) else { throw fail("unpaired surrogate escape") }
                            scalar = JSONUnicodeEscape.combine(high: scalar, low: low)
                        } else if JSONUnicodeEscape.isLowSurrogate(scalar) {
                            throw fail("unpaired surrogate escape")
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw fail("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                    }
                default:
                    if byte < 0x20 { throw fail("control character in a string") }
                    out.append(byte)
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(DecodeError) -> UInt32 {
            do {
                let value = try JSONUnicodeEscape.hex4(bytes, at: index)
                index += 4
                return value
            } catch {
                switch error {
                case .truncated:
                    throw fail("truncated \\u escape")
                case .invalidDigit(let at):
                    index = at
                    throw fail("invalid hex digit in \\u escape")
                }
            }
        }

        /// Reads a number by the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws(DecodeError) -> Double {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw fail("expected a digit") }
            var integer: UInt64 = 0
            var digits = 0
            if bytes[index] == 0x30 {
                index += 1
                digits = 1
            } else {
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                    if digits < 19 { integer = integer &* 10 &+ UInt64(bytes[index] - 0x30) }
                    digits += 1
                    index += 1
                }
            }
            var simple = digits <= 15
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                simple = false
                index += 1
                guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw fail("expected a digit after '.'") }
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                simple = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw fail("expected a digit in the exponent") }
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            if simple {
                // Integers of up to 15 digits are exact in a Double.
                let value = Double(integer)
                return negative ? -value : value
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text) else { throw fail("number out of range") }
            return value
        }

        /// Validates and skips any value (used for nested objects, arrays and literals).
        mutating func skipValue(depth: Int) throws(DecodeError) {
            guard depth <= JSONObjectScanner.maximumDepth else { throw fail("nesting deeper than \(JSONObjectScanner.maximumDepth)") }
            guard index < bytes.count else { throw fail("unexpected end, expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "-"), 0x30...0x39: _ = try number()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
                while true {
                    skipWhitespace()
                    try skipValue(depth: depth + 1)
                    skipWhitespace()
                    guard index < bytes.count else { throw fail("unexpected end, expected ',' or ']'") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']'")
                    return
                }
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
                while true {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
                    _ = try string()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "':' after field name")
                    skipWhitespace()
                    try skipValue(depth: depth + 1)
                    skipWhitespace()
                    guard index < bytes.count else { throw fail("unexpected end, expected ',' or '}'") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    return
                }
            default:
                throw fail("expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws(DecodeError) {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { throw fail("unexpected end in a literal") }
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
                throw fail("invalid literal")
            }
            index += length
        }
    }
}
