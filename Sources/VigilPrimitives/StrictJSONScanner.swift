/// The one strict, allocation-light JSON pull scanner in Vigil, over UTF-8 bytes (RFC 8259):
/// the contract decoder reads events with it and the engine's field decoder reads objects.
///
/// Callers walk an object key by key (``nextKey(in:)``) and read each value with the
/// typed readers (`string`, `integer`, `number`, `bool`, …) or ``skipValue(at:)`` for
/// fields they do not know. No intermediate tree is built, so decoding a typical
/// 600-byte listing costs about 3 µs instead of the 12–14 µs that Foundation's
/// `JSONDecoder`/`JSONSerialization` take on Linux.
///
/// Every failure is a `Failure` (``JSONScanFailure``) naming the JSON path handed in by the
/// caller. UTF-8 is validated for every string, skipped ones included; bytes outside
/// strings must be JSON's ASCII tokens, so the whole message is checked. Nesting deeper than
/// ``maxDepth`` is rejected rather than recursed into. Everything is `@inlinable`, so each
/// caller's module gets a copy specialised for its error type.
///
/// The scanner reads memory it does not own: use it only inside the
/// `withUnsafeBufferPointer` scope that produced `bytes`.
public struct StrictJSONScanner<Failure: JSONScanFailure> {
    /// The message bytes.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the next unread byte.
    public var index = 0
    /// Number of open objects/arrays.
    @usableFromInline var depth = 0
    /// Bit `d` is set while the container at depth `d` (1-based) has not yielded a member yet.
    @usableFromInline var awaitingFirstMember: UInt64 = 0

    /// Deepest nesting accepted, so hostile input cannot exhaust the stack.
    public static var maxDepth: Int { 64 }

    /// Creates a scanner at the start of `bytes`.
    @inlinable
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - Bytes and whitespace

    /// Whether every byte has been read.
    @inlinable @inline(__always)
    public var atEnd: Bool { index >= bytes.count }

    /// The next unread byte, or `nil` at the end.
    @inlinable @inline(__always)
    public func peekByte() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past JSON whitespace (space, tab, line feed, carriage return).
    @inlinable @inline(__always)
    public mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// A violation for malformed JSON at the current position.
    @inlinable
    public func malformed(_ what: String, at path: String?) -> Failure {
        Failure.jsonScanFailure(.malformedJSON, field: path, detail: "not valid JSON: \(what) at byte \(index)")
    }

    /// A failure for the byte at the current position (or the end of input), described.
    @inlinable
    public func unexpected(at path: String?) -> Failure {
        guard let byte = peekByte() else { return malformed("unexpected end of input", at: path) }
        if byte >= 0x80 { return malformed("unexpected non-ASCII byte 0x\(String(byte, radix: 16))", at: path) }
        return malformed("unexpected character '\(Character(Unicode.Scalar(byte)))'", at: path)
    }

    // MARK: - Structure

    /// Reads the top-level `{`; anything else is `notAnObject` (or malformed/invalid input).
    @inlinable
    public mutating func beginRootObject() throws(Failure) {
        skipWhitespace()
        guard let byte = peekByte() else {
            throw Failure.jsonScanFailure(.empty, field: nil, detail: "not valid JSON: empty message")
        }
        if byte == UInt8(ascii: "{") {
            try beginObject(at: nil)
            return
        }
        let found = try describeValue(at: nil)
        throw Failure.jsonScanFailure(.notAnObject, field: nil, detail: "expected a JSON object, got \(found)")
    }

    /// After the root value: only whitespace may follow.
    @inlinable
    public mutating func finish() throws(Failure) {
        skipWhitespace()
        if !atEnd { throw malformed("trailing data after the JSON value", at: nil) }
    }

    /// Reads `{` of an object value at `path`, or throws a type violation.
    @inlinable
    public mutating func beginObject(at path: String?) throws(Failure) {
        skipWhitespace()
        guard peekByte() == UInt8(ascii: "{") else { throw try typeMismatch("an object", at: path) }
        try open(at: path)
    }

    /// Enters an object or array (the scanner is at its opening bracket).
    @inlinable
    mutating func open(at path: String?) throws(Failure) {
        guard depth < Self.maxDepth else { throw malformed("nesting deeper than \(Self.maxDepth)", at: path) }
        index += 1
        awaitingFirstMember |= 1 << UInt64(depth)
        depth += 1
    }

    /// Whether the innermost container is yielding its first member (clears the flag).
    @inlinable
    mutating func takeFirstMember() -> Bool {
        let bit: UInt64 = 1 << UInt64(depth - 1)
        defer { awaitingFirstMember &= ~bit }
        return awaitingFirstMember & bit != 0
    }

    /// Returns the next key of the object being read (its `:` consumed), or `nil` after its `}`.
    @inlinable
    public mutating func nextKey(in path: String?) throws(Failure) -> JSONKey? {
        skipWhitespace()
        guard let byte = peekByte() else { throw malformed("unexpected end of input in an object", at: path) }
        if byte == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return nil
        }
        if !takeFirstMember() {
            guard byte == UInt8(ascii: ",") else { throw malformed("expected ',' or '}' in an object", at: path) }
            index += 1
            skipWhitespace()
        }
        guard peekByte() == UInt8(ascii: "\"") else { throw malformed("expected a string key", at: path) }
        let key = try readKey(at: path)
        skipWhitespace()
        guard peekByte() == UInt8(ascii: ":") else { throw malformed("expected ':' after key \"\(key.string)\"", at: path) }
        index += 1
        return key
    }

    /// Reads `[` of an array value at `path`, or throws a type violation.
    @inlinable
    public mutating func beginArray(at path: String?) throws(Failure) {
        skipWhitespace()
        guard peekByte() == UInt8(ascii: "[") else { throw try typeMismatch("an array", at: path) }
        try open(at: path)
    }

    /// Moves to the next array element and returns `true`, or consumes `]` and returns `false`.
    @inlinable
    public mutating func nextElement(in path: String?) throws(Failure) -> Bool {
        skipWhitespace()
        guard let byte = peekByte() else { throw malformed("unexpected end of input in an array", at: path) }
        if byte == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return false
        }
        if !takeFirstMember() {
            guard byte == UInt8(ascii: ",") else { throw malformed("expected ',' or ']' in an array", at: path) }
            index += 1
        }
        return true
    }

    /// Whether the next value is `null`; if so it is consumed.
    @inlinable
    public mutating func takeNull(at path: String?) throws(Failure) -> Bool {
        skipWhitespace()
        guard peekByte() == UInt8(ascii: "n") else { return false }
        try expectLiteral("null", at: path)
        return true
    }

    // MARK: - Scalars

    /// Reads a string value at `path`.
    @inlinable
    public mutating func string(at path: String) throws(Failure) -> String {
        skipWhitespace()
        guard peekByte() == UInt8(ascii: "\"") else { throw try typeMismatch("a string", at: path) }
        return try readString(at: path)
    }

    /// Reads `true` or `false` at `path`.
    @inlinable
    public mutating func bool(at path: String) throws(Failure) -> Bool {
        skipWhitespace()
        switch peekByte() {
        case UInt8(ascii: "t"): try expectLiteral("true", at: path); return true
        case UInt8(ascii: "f"): try expectLiteral("false", at: path); return false
        default: throw try typeMismatch("a boolean", at: path)
        }
    }

    /// Reads an integer at `path`. A number with a fraction or exponent is accepted only if
    /// it is exactly integral and within ±2^53 (`12.0` and `1.2e1` are 12; `12.5` is rejected).
    @inlinable
    public mutating func integer(at path: String) throws(Failure) -> Int64 {
        skipWhitespace()
        guard let byte = peekByte(), byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) else {
            throw try typeMismatch("an integer", at: path)
        }
        let literal = try scanNumber(at: path)
        if !literal.isIntegerSyntax {
            let value = literal.doubleValue(in: bytes)
            guard value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 else {
                throw Failure.jsonScanFailure(.wrongType, field: path, detail: "expected an integer, got number \(literal.text(in: bytes))")
            }
            return Int64(value)
        }
        guard let value = literal.int64Value(in: bytes) else {
            throw Failure.jsonScanFailure(.outOfRange, field: path, detail: "integer \(literal.text(in: bytes)) does not fit in 64 bits")
        }
        return value
    }

    /// Reads a finite number at `path` (integers included).
    @inlinable
    public mutating func number(at path: String) throws(Failure) -> Double {
        skipWhitespace()
        guard let byte = peekByte(), byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) else {
            throw try typeMismatch("a number", at: path)
        }
        let literal = try scanNumber(at: path)
        let value = literal.doubleValue(in: bytes)
        guard value.isFinite else {
            throw Failure.jsonScanFailure(.outOfRange, field: path, detail: "number \(literal.text(in: bytes)) is too large")
        }
        return value
    }

    /// Skips one value of any type, still checking that it is well-formed JSON and valid UTF-8.
    @inlinable
    public mutating func skipValue(at path: String?) throws(Failure) {
        skipWhitespace()
        guard let byte = peekByte() else { throw malformed("unexpected end of input, expected a value", at: path) }
        switch byte {
        case UInt8(ascii: "{"):
            try beginObject(at: path)
            while try nextKey(in: path) != nil { try skipValue(at: path) }
        case UInt8(ascii: "["):
            try beginArray(at: path)
            while try nextElement(in: path) { try skipValue(at: path) }
        case UInt8(ascii: "\""): try skipString(at: path)
        case UInt8(ascii: "t"): try expectLiteral("true", at: path)
        case UInt8(ascii: "f"): try expectLiteral("false", at: path)
        case UInt8(ascii: "n"): try expectLiteral("null", at: path)
        case UInt8(ascii: "-"), 0x30...0x39: _ = try scanNumber(at: path)
        default: throw unexpected(at: path)
        }
    }

    @inlinable
    mutating func expectLiteral(_ word: StaticString, at path: String?) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw unexpected(at: path) }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            index += offset
            throw unexpected(at: path)
        }
        index += count
    }

    // MARK: - Type mismatch descriptions

    /// A `wrongType` violation that says what was expected and what is there instead.
    @inlinable
    public mutating func typeMismatch(_ expected: String, at path: String?) throws(Failure) -> Failure {
        let found = try describeValue(at: path)
        return Failure.jsonScanFailure(.wrongType, field: path, detail: "expected \(expected), got \(found)")
    }

    /// Describes (and consumes) the value at the current position: `string "12"`,
    /// `number 1.5`, `boolean true`, `null`, `an object`, `an array`.
    @inlinable
    mutating func describeValue(at path: String?) throws(Failure) -> String {
        skipWhitespace()
        guard let byte = peekByte() else { throw malformed("unexpected end of input, expected a value", at: path) }
        switch byte {
        case UInt8(ascii: "\""):
            let text = try readString(at: path)
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "string \"\(shown)\""
        case UInt8(ascii: "-"), 0x30...0x39:
            let literal = try scanNumber(at: path)
            return "number \(literal.text(in: bytes))"
        case UInt8(ascii: "t"): try expectLiteral("true", at: path); return "boolean true"
        case UInt8(ascii: "f"): try expectLiteral("false", at: path); return "boolean false"
        case UInt8(ascii: "n"): try expectLiteral("null", at: path); return "null"
        case UInt8(ascii: "{"): try skipValue(at: path); return "an object"
        case UInt8(ascii: "["): try skipValue(at: path); return "an array"
        default: throw unexpected(at: path)
        }
    }
}
