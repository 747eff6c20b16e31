/// The arithmetic of JSON's `\uXXXX` escapes, used by ``StrictJSONScanner`` to resolve escapes.
public enum JSONUnicodeEscape {
    /// Why four bytes are not a `\u` escape's hex digits.
    public enum HexFailure: Error, Sendable, Equatable {
        /// Fewer than four bytes remain.
        case truncated
        /// The byte at this index is not a hex digit.
        case invalidDigit(at: Int)
    }

    /// The value of the four hex digits (either case) at `start` in `bytes`.
    /// - Throws: ``HexFailure`` when fewer than four bytes remain or one is not a hex digit.
    @inlinable
    public static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws(HexFailure) -> UInt32 {
        guard start + 4 <= bytes.count else { throw .truncated }
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw .invalidDigit(at: index)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Whether `code` is a UTF-16 high (leading) surrogate, which must be followed by a low one.
    @inlinable
    public static func isHighSurrogate(_ code: UInt32) -> Bool { (0xD800...0xDBFF).contains(code) }

    /// Whether `code` is a UTF-16 low (trailing) surrogate, valid only after a high one.
    @inlinable
    public static func isLowSurrogate(_ code: UInt32) -> Bool { (0xDC00...0xDFFF).contains(code) }

    /// The code point of a surrogate pair (``isHighSurrogate(_:)`` `high`, ``isLowSurrogate(_:)`` `low`).
    @inlinable
    public static func combine(high: UInt32, low: UInt32) -> UInt32 { 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00) }
}
