/// The classes of failure ``StrictJSONScanner`` reports; each caller words them its own way.
public enum JSONScanFailureKind: Sendable, Hashable {
    /// Nothing but whitespace.
    case empty
    /// Bytes that are not valid UTF-8.
    case invalidUTF8
    /// Bytes that are not well-formed JSON (trailing data and excessive nesting included).
    case malformedJSON
    /// Well-formed JSON whose top level is not an object.
    case notAnObject
    /// A value of another JSON type than the reader asked for.
    case wrongType
    /// A number that does not fit (an integer beyond 64 bits, a double beyond its range).
    case outOfRange
}

/// An error type ``StrictJSONScanner`` can throw: the contract decoder's `ContractViolation`,
/// the engine's `DecodeError`. The scanner is generic over it so that each layer gets its own
/// error from the one scanner, with typed throws and no conversion at every call.
public protocol JSONScanFailure: Error {
    /// The error for a failure of `kind` at the JSON path `field` (`nil`: the whole message);
    /// `detail` says what is wrong, e.g. `not valid JSON: unterminated string at byte 12`.
    static func jsonScanFailure(_ kind: JSONScanFailureKind, field: String?, detail: String) -> Self
}
