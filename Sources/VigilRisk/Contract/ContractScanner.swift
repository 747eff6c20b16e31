import VigilPrimitives

/// The contract decoder's scanner: Vigil's one strict JSON scanner, failing with
/// ``ContractViolation``s that name the field.
typealias ContractScanner = StrictJSONScanner<ContractViolation>

extension ContractViolation: JSONScanFailure {
    /// The violation for a scanner failure; an empty message is malformed JSON.
    public static func jsonScanFailure(_ kind: JSONScanFailureKind, field: String?, detail: String) -> ContractViolation {
        let contractKind: Kind
        switch kind {
        case .empty, .malformedJSON: contractKind = .malformedJSON
        case .invalidUTF8: contractKind = .invalidUTF8
        case .notAnObject: contractKind = .notAnObject
        case .wrongType: contractKind = .wrongType
        case .outOfRange: contractKind = .outOfRange
        }
        return ContractViolation(contractKind, field: field, detail)
    }
}

/// Readers for the value shapes the contract uses, with its range rules.
extension StrictJSONScanner where Failure == ContractViolation {
    /// A string or `null`.
    mutating func nullableString(at path: String) throws(ContractViolation) -> String? {
        if try takeNull(at: path) { return nil }
        skipWhitespace()
        guard peekByte() == UInt8(ascii: "\"") else { throw try typeMismatch("a string or null", at: path) }
        return try readString(at: path)
    }

    /// A number strictly greater than zero.
    mutating func positiveNumber(at path: String) throws(ContractViolation) -> Double {
        let value = try number(at: path)
        guard value > 0 else { throw ContractViolation(.outOfRange, field: path, "must be > 0, got \(Self.format(value))") }
        return value
    }

    /// An integer that fits `Int`, within `range`.
    mutating func integer(at path: String, in range: ClosedRange<Int>) throws(ContractViolation) -> Int {
        let value = try integer(at: path)
        guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else {
            let rule = range.upperBound == Int.max ? "must be >= \(range.lowerBound)" : "must be in \(range.lowerBound)...\(range.upperBound)"
            throw ContractViolation(.outOfRange, field: path, "\(rule), got \(value)")
        }
        return Int(value)
    }

    /// An integer that fits `Int` (any sign).
    mutating func int(at path: String) throws(ContractViolation) -> Int {
        try integer(at: path, in: Int.min...Int.max)
    }

    /// A string that must be one of `T`'s raw values.
    mutating func enumeration<T: RawRepresentable & CaseIterable>(_: T.Type, at path: String) throws(ContractViolation) -> T
    where T.RawValue == String {
        let raw = try string(at: path)
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw ContractViolation(.outOfRange, field: path, "must be one of \(allowed), got \"\(raw)\"")
        }
        return value
    }

    /// An ISO 4217 currency code: exactly three ASCII capital letters.
    mutating func currencyCode(at path: String) throws(ContractViolation) -> String {
        let code = try string(at: path)
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw ContractViolation(.outOfRange, field: path, "must be a three-letter ISO 4217 code such as \"CNY\", got \"\(code)\"")
        }
        return code
    }

    /// An array of strings (possibly empty).
    mutating func stringArray(at path: String) throws(ContractViolation) -> [String] {
        try beginArray(at: path)
        var values: [String] = []
        while try nextElement(in: path) {
            do { values.append(try string(at: path)) } catch { throw error.at("\(path)[\(values.count)]") }
        }
        return values
    }

    /// An array of finite numbers (possibly empty).
    mutating func numberArray(at path: String) throws(ContractViolation) -> [Double] {
        try beginArray(at: path)
        var values: [Double] = []
        while try nextElement(in: path) {
            do { values.append(try number(at: path)) } catch { throw error.at("\(path)[\(values.count)]") }
        }
        return values
    }

    /// `3`, not `3.0`, for integral values in messages.
    static func format(_ value: Double) -> String {
        if value.rounded(.towardZero) == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension StrictJSONScanner where Failure == ContractViolation {
    /// An array of finite numbers or `null`s (possibly empty); a `null` reads as NaN, the
    /// engine's "missing value".
    mutating func nullableNumberArray(at path: String) throws(ContractViolation) -> [Double] {
        try beginArray(at: path)
        var values: [Double] = []
        while try nextElement(in: path) {
            if try takeNull(at: path) {
                values.append(.nan)
                continue
            }
            do { values.append(try number(at: path)) } catch { throw error.at("\(path)[\(values.count)]") }
        }
        return values
    }
}
