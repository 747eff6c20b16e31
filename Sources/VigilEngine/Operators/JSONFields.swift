/// The top-level scalar fields of a JSON object record.
public struct JSONFields: Sendable, Equatable {
    /// Numeric fields (booleans excluded).
    public var numbers: [String: Double]
    /// String fields.
    public var strings: [String: String]

    /// Creates fields.
    public init(numbers: [String: Double], strings: [String: String]) {
        self.numbers = numbers
        self.strings = strings
    }
}
