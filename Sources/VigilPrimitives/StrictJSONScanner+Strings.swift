extension StrictJSONScanner {
    /// Reads a string starting at the opening quote, resolving escapes and validating UTF-8.
    @inlinable
    public mutating func readString(at path: String?) throws(Failure) -> String {
        let (body, hasEscape) = try scanString(at: path)
        if !hasEscape { return String(decoding: body, as: UTF8.self) }
        return try unescape(body, at: path)
    }

    /// Reads an object key starting at the opening quote, without building a `String` unless it has escapes.
    @inlinable
    public mutating func readKey(at path: String?) throws(Failure) -> JSONKey {
        let (body, hasEscape) = try scanString(at: path)
        if !hasEscape { return JSONKey(raw: body) }
        return JSONKey(unescaped: try unescape(body, at: path))
    }

    /// Skips a string starting at the opening quote, still validating it.
    @inlinable
    public mutating func skipString(at path: String?) throws(Failure) {
        let (body, hasEscape) = try scanString(at: path)
        // Escapes are checked (e.g. lone surrogates) even when the value is ignored.
        if hasEscape { _ = try unescape(body, at: path) }
    }

    /// Consumes a whole string (both quotes) and returns its raw body and whether it has escapes.
    @inlinable
    mutating func scanString(at path: String?) throws(Failure) -> (body: UnsafeBufferPointer<UInt8>, hasEscape: Bool) {
        index += 1  // opening quote
        let start = index
        var hasEscape = false
        try scanStringBody(at: path, hasEscape: &hasEscape)
        let body = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1  // closing quote
        return (body, hasEscape)
    }

    /// Advances to the closing quote, checking control characters, escapes' shape and UTF-8.
    @inlinable
    mutating func scanStringBody(at path: String?, hasEscape: inout Bool) throws(Failure) {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                hasEscape = true
                // Skip the escaped byte (so `\"` does not end the string); `unescape` checks the escape.
                index = min(index + 2, bytes.count)
            case 0..<0x20:
                throw malformed("unescaped control character in a string", at: path)
            case 0x20..<0x80:
                index += 1
            default:
                index += try utf8SequenceLength(at: index, path: path)
            }
        }
        throw malformed("unterminated string", at: path)
    }

    /// Length of the valid UTF-8 sequence at `position` (lead byte >= 0x80), or a violation.
    @inlinable
    func utf8SequenceLength(at position: Int, path: String?) throws(Failure) -> Int {
        let lead = bytes[position]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F  // no UTF-16 surrogates
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F  // nothing above U+10FFFF
        default: throw invalidUTF8(at: position, path: path)
        }
        guard position + length <= bytes.count else { throw invalidUTF8(at: position, path: path) }
        let second = bytes[position + 1]
        guard second >= lowerBound, second <= upperBound else { throw invalidUTF8(at: position, path: path) }
        for offset in 2..<max(2, length) where bytes[position + offset] & 0xC0 != 0x80 {
            throw invalidUTF8(at: position, path: path)
        }
        return length
    }

    @inlinable
    func invalidUTF8(at position: Int, path: String?) -> Failure {
        Failure.jsonScanFailure(.invalidUTF8, field: path, detail: "not valid UTF-8 at byte \(position)")
    }

    /// Resolves the escapes of a string body whose raw bytes are already validated.
    @inlinable
    func unescape(_ body: UnsafeBufferPointer<UInt8>, at path: String?) throws(Failure) -> String {
        var utf8 = [UInt8]()
        utf8.reserveCapacity(body.count)
        var position = 0
        func bad(_ what: String) -> Failure {
            Failure.jsonScanFailure(.malformedJSON, field: path, detail: "not valid JSON: \(what) in a string")
        }
        func hex4(_ at: Int) throws(Failure) -> UInt32 {
            do { return try JSONUnicodeEscape.hex4(body, at: at) } catch { throw bad(error == .truncated ? "truncated \\u escape" : "invalid \\u escape") }
        }
        while position < body.count {
            let byte = body[position]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                position += 1
                continue
            }
            guard position + 1 < body.count else { throw bad("truncated escape") }
            let escaped = body[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "\""): utf8.append(0x22)
            case UInt8(ascii: "\\"): utf8.append(0x5C)
            case UInt8(ascii: "/"): utf8.append(0x2F)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4(position)
                position += 4
                if JSONUnicodeEscape.isHighSurrogate(code) {
                    guard position + 6 <= body.count, body[position] == UInt8(ascii: "\\"),
                          body[position + 1] == UInt8(ascii: "u") else { throw bad("lone surrogate \\u escape") }
                    let low = try hex4(position + 2)
                    guard JSONUnicodeEscape.isLowSurrogate(low) else { throw bad("lone surrogate \\u escape") }
                    position += 6
                    code = JSONUnicodeEscape.combine(high: code, low: low)
                } else if JSONUnicodeEscape.isLowSurrogate(code) {
                    throw bad("lone surrogate \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else { throw bad("invalid \\u escape") }
                UTF8.encode(scalar) { utf8.append($0) }
            default:
                throw bad("invalid escape '\\\(Character(Unicode.Scalar(escaped)))'")
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
