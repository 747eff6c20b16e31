/// The extent of one JSON number literal in the scanned bytes.
public struct JSONNumberLiteral: Sendable {
    /// Offset of the first byte (`-` or a digit).
    public let start: Int
    /// Offset just past the last byte.
    public let end: Int
    /// `true` when the literal has neither fraction nor exponent.
    public let isIntegerSyntax: Bool

    /// A literal spanning `start..<end` of the scanned bytes.
    @inlinable
    public init(start: Int, end: Int, isIntegerSyntax: Bool) {
        self.start = start
        self.end = end
        self.isIntegerSyntax = isIntegerSyntax
    }

    /// The literal as written, e.g. `1.5e3`.
    @inlinable
    public func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The integer value, or `nil` on 64-bit overflow. Only for `isIntegerSyntax` literals.
    @inlinable
    public func int64Value(in bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var position = start
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var magnitude: UInt64 = 0
        while position < end {
            let digit = UInt64(bytes[position] &- 0x30)
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            position += 1
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The value as a `Double` (may be infinite for huge exponents).
    @inlinable
    public func doubleValue(in bytes: UnsafeBufferPointer<UInt8>) -> Double {
        // Short integers are exact in a Double: skip the string round trip.
        if isIntegerSyntax, end - start <= 15, let value = int64Value(in: bytes) {
            return Double(value)
        }
        return Double(text(in: bytes)) ?? .nan
    }
}

extension StrictJSONScanner {
    /// Scans a number per RFC 8259 grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    @inlinable
    public mutating func scanNumber(at path: String?) throws(Failure) -> JSONNumberLiteral {
        let start = index
        var integerSyntax = true
        if peekByte() == UInt8(ascii: "-") { index += 1 }
        guard let first = peekByte(), isDigit(first) else { throw malformed("invalid number", at: path) }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peekByte() == UInt8(ascii: ".") {
            integerSyntax = false
            index += 1
            guard let byte = peekByte(), isDigit(byte) else { throw malformed("invalid number: digit expected after '.'", at: path) }
            skipDigits()
        }
        if let byte = peekByte(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            integerSyntax = false
            index += 1
            if let sign = peekByte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let byte = peekByte(), isDigit(byte) else { throw malformed("invalid number: digit expected in exponent", at: path) }
            skipDigits()
        }
        // A number must end at a delimiter; `01`, `1x` and the like are malformed.
        if let byte = peekByte(), !isDelimiter(byte) { throw unexpected(at: path) }
        return JSONNumberLiteral(start: start, end: index, isIntegerSyntax: integerSyntax)
    }

    @inlinable @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inlinable @inline(__always)
    func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return true
        default: return false
        }
    }

    @inlinable @inline(__always)
    mutating func skipDigits() {
        while let byte = peekByte(), isDigit(byte) { index += 1 }
    }
}
